import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { expectAccessible, waitForHydration, watchForErrors } from "./helpers";

// A register of hostile text, imported through the command line (the same
// rules as every write) into a year no other journey reads.
const YEAR = "2001";
const LONG_WORD = "Benturankepentingan".repeat(210).slice(0, 4000);
const HOSTILE = [
  ["Bagian <b>Uji</b> & \"Kutip\"", "<script>alert(1)</script>", "'; DROP TABLE risk; --", "<i>miring <i>bersarang</i>", "</td></tr><tr><td>", "{{ template }} ${x} &amp; &lt;"],
  ["", "مراقبة تضارب المصالح", "ניגוד עניינים", "ke\u200Bpen\u200Dtingan \u{1F469}\u200D\u{1F4BB}", LONG_WORD, "<img src=x onerror=alert(2)>"],
];

function hostileTable(): string {
  const header = ["No", "Unit Kerja / Bagian", "Aktivitas / Tahapan Kegiatan", "Potensi Benturan Kepentingan / Risiko", "Penyebab Utama", "Dampak Negatif", "Rencana Tindak Pengendalian (Sesuai SK/SOP)"];
  const rows = HOSTILE.map((cells, index) => [index === 0 ? "1" : "", ...cells].join("\t"));
  return ["Tabel Pemetaan Potensi Benturan Kepentingan", "Biro Uji Masukan Berbahaya", header.join("\t"), ...rows].join("\n");
}

test("a register of hostile text hydrates with no error, shows the text as text, and stays on screen", async ({ page, request }) => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "benturan-hostile-")), "hostile.txt");
  writeFileSync(file, hostileTable());
  execFileSync(process.env.BENTURAN_BIN ?? "../target/release/benturan", ["import", file, "--year", YEAR], {
    env: { ...process.env, DATABASE_URL: `sqlite://${process.env.BENTURAN_E2E_DB}?mode=rwc`, RUST_LOG: "warn" },
    stdio: "pipe",
  });
  let unit = 0;
  for (let candidate = 1; candidate < 100 && unit === 0; candidate++) {
    const found = await (await request.get(`/api/get_register?unit=${candidate}&year=${YEAR}`)).json();
    if (found) unit = candidate;
  }
  expect(unit).toBeGreaterThan(0);

  const errors = watchForErrors(page);
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`/register/${unit}/${YEAR}`);
  await waitForHydration(page);
  const table = page.locator("table.official-table");
  await expect(table.locator("tr[data-row-id]")).toHaveCount(2);
  await expect(table).toContainText("<script>alert(1)</script>");
  await expect(table).toContainText("'; DROP TABLE risk; --");
  await expect(table).toContainText("</td></tr><tr><td>");
  await expect(table).toContainText("مراقبة تضارب المصالح");
  await expect(table.locator("th.cell-bagian .bagian-name")).toHaveText('Bagian <b>Uji</b> & "Kutip"');
  await expect(table.locator("img")).toHaveCount(0);
  // The 4,000-character word wraps inside its column: the page does not
  // grow sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // It edits like any other cell, and the search finds through zero-width characters.
  await page.getByRole("searchbox", { name: "Cari" }).pressSequentially("kepentingan");
  await expect(table.locator("tr[data-row-id]")).toHaveCount(1);
  await expect(table.locator("mark").first()).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "screenshots/hostile-register.png" });
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
});
