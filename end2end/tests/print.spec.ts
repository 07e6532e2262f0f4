import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, Page, test } from "@playwright/test";
import { BINARY } from "./servers";
import { expectAccessible, waitForHydration, watchForErrors } from "./helpers";

// The printed form, printed by Chromium to PDF and read back with poppler
// (pdfinfo, pdftotext, pdftoppm). A generated register of 2,000 rows in a
// year no other journey reads takes the settings (the seed register is only
// read: the upload journey needs it unchanged while it runs).
const YEAR = 2003;
const ROWS = 2_000;

test.describe.configure({ mode: "serial", timeout: 180_000 });

function pdfPages(file: string): number {
  const info = execFileSync("pdfinfo", [file]).toString();
  return Number(/Pages:\s+(\d+)/.exec(info)![1]);
}

/** The PDF's text (of page `page` only, if given), without any blank. */
function pdfText(file: string, page?: number): string {
  const range = page ? ["-f", String(page), "-l", String(page)] : [];
  return squeeze(execFileSync("pdftotext", ["-raw", ...range, file, "-"], { maxBuffer: 1 << 28 }).toString());
}

const squeeze = (text: string) => text.replace(/\s+/g, "");
const plain = (markup: string) => markup.replace(/<\/?i>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

async function printToPdf(page: Page, name: string): Promise<string> {
  const file = path.join(os.tmpdir(), `benturan-${name}-${process.pid}.pdf`);
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  return file;
}

/** Page `page` of `file` as a PNG among the screenshots, to look at. */
function pageImage(file: string, page: number, name: string) {
  mkdirSync("screenshots", { recursive: true });
  execFileSync("pdftoppm", ["-png", "-r", "70", "-f", String(page), "-l", String(page), "-singlefile", file, `screenshots/${name}`]);
}

test("the seed register prints whole: heading, every row's text, page numbers and the signature block", async ({ page, request }) => {
  const errors = watchForErrors(page);
  await page.goto("/");
  await waitForHydration(page);
  await page.getByTestId("print-link").click();
  await expect(page).toHaveURL(/\/register\/\d+\/\d+\/cetak$/);
  await waitForHydration(page);
  const doc = page.getByTestId("print-doc");
  await expect(doc.locator(".form-title")).toHaveText("TABEL PEMETAAN POTENSI BENTURAN KEPENTINGAN");
  await expect(doc.locator(".form-unit")).toHaveText("Biro Administrasi Pimpinan Setda Provinsi Kalimantan Timur");
  await expect(doc.locator("tbody tr")).toHaveCount(13);
  await expect(doc.locator("em", { hasText: "assessment" })).toHaveCount(1);
  await expectAccessible(page);
  await page.screenshot({ path: "screenshots/print-desktop.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "screenshots/print-phone.png" });
  await expectAccessible(page);

  const sheets = Number(await doc.getAttribute("data-sheets"));
  const file = await printToPdf(page, "seed");
  expect(pdfPages(file)).toBe(sheets);
  const text = pdfText(file);
  expect(text).toContain(squeeze("TABEL PEMETAAN POTENSI BENTURAN KEPENTINGAN"));
  expect(text).toContain(squeeze("Biro Administrasi Pimpinan Setda Provinsi Kalimantan Timur"));
  expect(text).toContain(squeeze(`Halaman 1 dari ${sheets}`));
  expect(text).toContain(squeeze("Disusun oleh,"));
  expect(text).toContain(squeeze("Disetujui,"));
  // Screen controls never print.
  expect(text).not.toContain(squeeze("Kembali ke register"));
  expect(text).not.toContain(squeeze("Kop dan tanda tangan"));
  const register = await (await request.get("/api/get_register")).json();
  for (const section of register.sections) {
    if (section.rows.length === 0) continue;
    expect(text).toContain(squeeze(section.name));
    for (const row of section.rows) {
      for (const cell of ["aktivitas", "potensi", "penyebab", "dampak", "rencana"]) {
        expect(text, `${row.code} ${cell}`).toContain(squeeze(plain(row[cell])));
      }
    }
  }
  pageImage(file, 1, "print-pdf-seed-1");
  expect(errors).toEqual([]);
});

test("Ctrl+P on the register opens the print view, which opens the print dialog", async ({ page }) => {
  const errors = watchForErrors(page);
  await page.addInitScript(() => {
    window.print = () => {
      const counted = window as unknown as { printed?: number };
      counted.printed = (counted.printed ?? 0) + 1;
    };
  });
  await page.goto("/");
  await waitForHydration(page);
  await page.keyboard.press("Control+P");
  await expect(page).toHaveURL(/\/register\/\d+\/\d+\/cetak/);
  await expect(page.getByTestId("print-doc")).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed?: number }).printed)).toBe(1);
  // Printed once: the address no longer asks, so a reload does not print again.
  await expect(page).toHaveURL(/\/cetak$/);
  expect(errors).toEqual([]);
});

test("a register of 2,000 rows prints with no row cut across a page, its Bagian named again where they go on", async ({ page, request }) => {
  execFileSync(BINARY, ["generate", "--rows", String(ROWS), "--year", String(YEAR)], {
    env: { ...process.env, DATABASE_URL: `sqlite://${process.env.BENTURAN_E2E_DB}?mode=rwc`, RUST_LOG: "warn" },
    stdio: "pipe",
  });
  let address = "";
  for (let unit = 1; unit < 100 && !address; unit++) {
    const found = await (await request.get(`/api/get_register?unit=${unit}&year=${YEAR}`)).json();
    if (found) address = `/register/${unit}/${YEAR}/cetak`;
  }
  expect(address).not.toBe("");
  const errors = watchForErrors(page, { path: "/api/save_print_settings", status: 422 });
  await page.goto(address);
  await waitForHydration(page);

  // The heading and signatories, as an admin sets them: refused by name first.
  await page.locator("summary", { hasText: "Kop dan tanda tangan" }).click();
  await page.getByLabel("Nomor SK").fill("100.3.3.1/K.512/2026");
  await page.getByLabel("Tanggal SK").fill("2026-01-15");
  await page.getByLabel("Tempat penandatanganan").fill("Samarinda\u202e");
  await page.getByLabel("NIP penyusun").fill("1970 0101");
  await page.getByRole("button", { name: "Simpan" }).click();
  const message = page.getByTestId("print-settings-message");
  await expect(message).toContainText("NIP penyusun harus 18 angka");
  await expect(message).toContainText("Tempat penandatanganan berisi karakter kendali U+202E");
  await page.getByLabel("Tempat penandatanganan").fill("Samarinda");
  await page.getByLabel("Tanggal penandatanganan").fill("2026-12-03");
  await page.getByLabel("Jabatan penyusun").fill("Kepala Bagian Perencanaan & Kepegawaian");
  await page.getByLabel("Nama penyusun").fill("Rina Kartika, S.E.");
  await page.getByLabel("NIP penyusun").fill("198204152006042011");
  await page.getByLabel("Jabatan yang menyetujui").fill("Kepala Biro Administrasi Pimpinan");
  await page.getByLabel("Nama yang menyetujui").fill("Dr. Ahmad Fauzi, M.Si.");
  await page.getByLabel("NIP yang menyetujui").fill("19750612 199903 1 004");
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(message).toHaveText("Tersimpan: formulir cetak diperbarui.");
  const doc = page.getByTestId("print-doc");
  await expect(doc.locator(".form-decree")).toHaveText("Ditetapkan dengan SK Nomor 100.3.3.1/K.512/2026 tanggal 15 Januari 2026");
  await expect(doc.locator(".form-place")).toHaveText("Samarinda, 3 Desember 2026");
  await expect(doc.locator(".signatory-nip").last()).toHaveText("NIP 19750612 199903 1 004");
  // The form filled again from what was stored, after a reload.
  await page.reload();
  await waitForHydration(page);
  await page.locator("summary", { hasText: "Kop dan tanda tangan" }).click();
  await expect(page.getByLabel("NIP penyusun")).toHaveValue("19820415 200604 2 011");
  await expectAccessible(page);

  const sheets = Number(await doc.getAttribute("data-sheets"));
  expect(sheets).toBeGreaterThan(20);
  // What each sheet holds: its rows' text, and whether it goes on with a Bagian.
  const expected = await page.evaluate(() =>
    [...document.querySelectorAll("section.sheet")].map((sheet) => ({
      rows: [...sheet.querySelectorAll("tbody tr")].map((row) =>
        [...row.querySelectorAll("td:not(.cell-no)")].map((cell) => cell.textContent ?? "").join(""),
      ),
      continued: (sheet.querySelector("tbody .cell-bagian")?.textContent ?? "").endsWith("(lanjutan)"),
    })),
  );
  expect(expected.some((sheet) => sheet.continued)).toBe(true);
  const started = Date.now();
  const file = await printToPdf(page, "large");
  console.log(`printing ${ROWS} rows to PDF took ${Date.now() - started} ms (${sheets} pages)`);
  // One page per sheet: no sheet ran over, so no row was cut across pages.
  expect(pdfPages(file)).toBe(sheets);
  for (const [index, sheet] of expected.entries()) {
    const text = pdfText(file, index + 1);
    expect(text).toContain(squeeze(`Halaman ${index + 1} dari ${sheets}`));
    for (const row of sheet.rows) expect(text, `page ${index + 1}`).toContain(squeeze(row));
    if (sheet.continued) expect(text).toContain("(lanjutan)");
  }
  expect(pdfText(file, 1)).toContain(squeeze("SK Nomor 100.3.3.1/K.512/2026"));
  const last = pdfText(file, sheets);
  for (const words of ["Dr. Ahmad Fauzi, M.Si.", "NIP 19750612 199903 1 004", "Rina Kartika, S.E.", "Samarinda, 3 Desember 2026"]) {
    expect(last).toContain(squeeze(words));
  }
  pageImage(file, 2, "print-pdf-large-2");
  pageImage(file, sheets, "print-pdf-large-last");
  expect(errors).toEqual([]);
});
