import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path_ from "node:path";
import { expect, request, test } from "@playwright/test";
import { PASSWORD } from "./accounts";
import { expectAccessible, waitForHydration } from "./helpers";
import { Server, signedInAt } from "./servers";

// The register as of a past day, and a quarter's evidence pack. A server of its own on a PostgreSQL
// database of its own, whose change log is dated back to 30 September, so
// that the day's register differs from today's by one edit made after.
test.describe.configure({ timeout: 120_000 });

test("the register as of 30 September: read-only under its banner, its links keep the day, a day without a log says so; the third quarter's evidence pack", async ({ browser }) => {
  const name = `benturan_e2e_asof_${process.pid}_${Date.now() % 100000}`;
  const psql = (database: string, sql: string) =>
    execFileSync("psql", ["-h", "127.0.0.1", "-U", "postgres", "-d", database, "-qc", sql], { stdio: "pipe" });
  psql("postgres", `CREATE DATABASE ${name}`);
  const server = new Server(3020, `postgres://postgres@127.0.0.1:5432/${name}`);
  try {
    await server.start();
    server.addUser("per.uji", "admin");
    // Everything logged so far: 23:59 WITA on 30 September.
    psql(name, "UPDATE change_log SET changed_at = '2026-09-30T15:59:00+00:00'");
    // The seed is loaded for this year; a register of 2026 has its third quarter over whenever this runs.
    psql(name, "UPDATE register SET year = 2026, version = version + 1");

    // Today, BK-001's impact reads otherwise.
    const api = await request.newContext({ baseURL: server.url, extraHTTPHeaders: { origin: server.url } });
    const login = await api.post("/login", { form: { username: "per.uji", password: PASSWORD, next: "/" }, maxRedirects: 0 });
    expect(login.status()).toBe(303);
    const register = await (await api.get("/api/get_register")).json();
    const row = register.sections[0].rows[0];
    const then: string = row.dampak;
    const now = "Dampak yang ditulis sesudah 30 September";
    const save = await api.post("/api/save_cell", { form: { row: String(row.id), field: "Dampak", expected: then, value: now } });
    expect(save.status()).toBe(200);
    await api.dispose();

    const { context, page, pageErrors } = await signedInAt(browser, server, "per.uji");
    const cell = page.locator(`tr[data-row-id="${row.id}"] td.cell-text`).nth(3);
    await expect(cell).toHaveText(now);

    // Picking the day: a plain GET form.
    await page.getByLabel("Lihat per tanggal").fill("2026-09-30");
    await page.getByTestId("as-of-pick").getByRole("button").click();
    const path = `/register/${register.unit_id}/${register.year}`;
    await expect(page).toHaveURL(/\/\?per=2026-09-30$/);
    await waitForHydration(page);
    const banner = page.getByTestId("as-of-banner");
    await expect(banner).toContainText("Register per 30 September 2026");
    await expect(cell).toHaveText(then);
    // Read-only, hydrated or not: no row controls, no editor on a click.
    await expect(page.locator(".cell-actions")).toHaveCount(0);
    await cell.click();
    await expect(page.locator("textarea")).toHaveCount(0);
    // The documents are of that day too.
    const downloads = page.getByRole("navigation", { name: "Unduh tabel" });
    await expect(downloads.getByRole("link", { name: "Unduh XLSX" })).toHaveAttribute("href", /per=2026-09-30$/);
    await expect(page.getByTestId("print-link")).toHaveAttribute("href", `${path}/cetak?per=2026-09-30`);
    // A search keeps the day.
    await page.getByRole("searchbox", { name: "Cari" }).fill("gratifikasi");
    await expect(page).toHaveURL(/per=2026(-|%2D)09(-|%2D)30/);
    await expect(banner).toBeVisible();
    await page.getByRole("searchbox", { name: "Cari" }).fill("");
    await expectAccessible(page);
    await banner.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: "screenshots/as-of-desktop.png" });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: "screenshots/as-of-phone.png" });
    await expectAccessible(page);
    await page.setViewportSize({ width: 1366, height: 900 });

    // The printed form says which day it shows.
    await page.getByTestId("print-link").click();
    await expect(page.getByTestId("print-doc").locator(".form-as-of")).toContainText("Keadaan per 30 September 2026");

    // A day before the log began: a panel says why, and offers another day.
    await page.goto(`${path}?per=2026-09-29`);
    await waitForHydration(page);
    const gap = page.getByTestId("as-of-gap");
    await expect(gap).toContainText("Register per 29 September 2026 tidak tersedia");
    await expect(gap).toContainText("30 September 2026");
    await expectAccessible(page);
    await page.screenshot({ path: "screenshots/as-of-gap-desktop.png" });
    // And back to today's register, editable again.
    await gap.getByRole("link", { name: "Kembali ke register terkini" }).click();
    await waitForHydration(page);
    await expect(cell).toHaveText(now);
    await expect(page.locator(".cell-actions").first()).toBeAttached();

    // The quarter's evidence pack: a workbook, and printed pages.
    const pick = page.getByTestId("evidence-pick");
    await pick.getByLabel("Paket bukti triwulan").selectOption("3");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      pick.getByRole("button", { name: "Unduh paket (XLSX)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`paket-bukti-biro-administrasi-pimpinan-${register.year}-triwulan-3.xlsx`);
    await pick.getByRole("button", { name: "Cetak paket" }).click();
    await expect(page).toHaveURL(new RegExp(`${path}/bukti\\?.*triwulan=3`));
    await waitForHydration(page);
    const pack = page.getByTestId("evidence-doc");
    await expect(pack.getByTestId("evidence-summary")).toContainText("PAKET BUKTI TRIWULAN III 2026");
    await expect(pack.getByTestId("evidence-summary")).toContainText("1 Juli 2026 \u2013 30 September 2026");
    await expect(pack.locator(".form-as-of")).toContainText("Keadaan per 30 September 2026");
    // The load, logged on 30 September, is the quarter's; today's edit is not.
    await expect(pack.getByTestId("evidence-changes")).toContainText("Impor berkas");
    await expect(pack.getByTestId("evidence-changes")).not.toContainText(now);
    await expectAccessible(page);
    await page.screenshot({ path: "screenshots/evidence-desktop.png" });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "screenshots/evidence-phone.png" });
    await expectAccessible(page);
    await page.setViewportSize({ width: 1366, height: 900 });
    const pdf = path_.join(os.tmpdir(), `benturan-evidence-${process.pid}.pdf`);
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    const text = execFileSync("pdftotext", ["-raw", pdf, "-"]).toString().replace(/\s+/g, "");
    for (const words of ["PAKET BUKTI TRIWULAN III 2026", "Realisasi RTP", "Catatan Reviu", then]) {
      expect(text).toContain(words.replace(/\s+/g, ""));
    }
    expect(text).not.toContain("Cetakpaket");
    mkdirSync("screenshots", { recursive: true });
    execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "3", pdf, "screenshots/evidence-pdf"]);
    rmSync(pdf);
    expect(pageErrors).toEqual([]);
    await context.close();
  } finally {
    await server.stop();
    psql("postgres", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
});
