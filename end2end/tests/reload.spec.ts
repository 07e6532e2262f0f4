import { expect, Page, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { waitForHydration } from "./helpers";
import { Server, signedInAt } from "./servers";

// A page the browser keeps is revalidated on reload (304): it must hydrate
// again, its scripts allowed by the nonce they carry. On servers of their
// own, on SQLite and on PostgreSQL.
test.describe.configure({ timeout: 120_000 });

/** Edits the first row's Penyebab Utama and saves it: the page is alive. */
async function editAndSave(page: Page, text: string) {
  const target = page.locator("table.official-table tbody tr").first().locator("td.cell-text").nth(2);
  await target.getByRole("button").click();
  const editor = target.getByRole("textbox");
  await expect(editor).toBeFocused();
  await editor.fill(text);
  await editor.press("Control+Enter");
  await expect(target.locator(".cell-status")).toHaveText("Tersimpan");
  await expect(target).toContainText(text);
}

/**
 * Reloads; `revalidated`: the browser held the page and asked the server
 * whether it changed (If-None-Match), the server's 304 letting it keep it.
 */
async function reloadAndHydrate(page: Page, revalidated: boolean) {
  const response = await page.reload();
  const asked = (await response!.request().allHeaders())["if-none-match"];
  expect(asked !== undefined, `revalidated: ${asked}`).toBe(revalidated);
  await waitForHydration(page);
}

for (const backend of ["sqlite", "postgres"] as const) {
  test(`a reloaded page hydrates and saves (${backend}): reload, a link and Back`, async ({ browser }) => {
    const name = `benturan_reload_${process.pid}_${Date.now() % 100000}`;
    const file = path.join(os.tmpdir(), `${name}.sqlite`);
    const psql = (sql: string) =>
      execFileSync("psql", ["-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", sql], { stdio: "pipe" });
    if (backend === "postgres") psql(`CREATE DATABASE ${name}`);
    const url = backend === "postgres" ? `postgres://postgres@127.0.0.1:5432/${name}` : `sqlite://${file}?mode=rwc`;
    const server = new Server(backend === "postgres" ? 3021 : 3020, url);
    try {
      await server.start();
      server.addUser("muat.ulang", "admin");
      const { context, page, pageErrors } = await signedInAt(browser, server, "muat.ulang");
      const blocked: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") blocked.push(message.text());
      });

      await page.goto("/?penilaian=1");
      await waitForHydration(page);
      // Nothing changed: the browser keeps the page and the server says so.
      await reloadAndHydrate(page, true);
      await editAndSave(page, `Disimpan setelah muat ulang ${Date.now()}`);
      // Changed since: the page anew; then kept again.
      await reloadAndHydrate(page, true);
      await reloadAndHydrate(page, true);
      await editAndSave(page, `Disimpan setelah muat ulang kedua ${Date.now()}`);

      // The dashboard, reloaded, then a link back to the register and Back.
      await page.goto("/dasbor");
      await waitForHydration(page);
      await reloadAndHydrate(page, true);
      await page.getByRole("link", { name: "Tabel pemetaan", exact: true }).click();
      await expect(page).toHaveURL(/\/$|\/register\//);
      await waitForHydration(page);
      await editAndSave(page, `Disimpan lewat tautan ${Date.now()}`);
      await page.goBack();
      await expect(page).toHaveURL(/\/dasbor/);
      await waitForHydration(page);
      await page.goForward();
      await waitForHydration(page);
      await editAndSave(page, `Disimpan setelah Kembali ${Date.now()}`);

      expect(blocked.filter((text) => /Content Security Policy|nonce/i.test(text))).toEqual([]);
      expect(pageErrors).toEqual([]);
      await context.close();
    } finally {
      await server.stop();
      if (backend === "postgres") psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    }
  });
}
