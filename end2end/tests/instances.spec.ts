import { expect, request, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PASSWORD } from "./accounts";
import { Server, signedInAt } from "./servers";

// Journeys with servers of their own: one stopped and started again under
// an open page, and two instances sharing one PostgreSQL.
test.describe.configure({ timeout: 120_000 });

type Row = { id: number; code: string; penyebab: string };

/** A row whose Penyebab Utama is plain text found once in `exported`. */
function plainRow(register: { sections: { rows: Row[] }[] }, exported: string): Row {
  const rows = register.sections.flatMap((section) => section.rows);
  const row = rows.find((row) => !/[<>&]/.test(row.penyebab) && exported.split(row.penyebab).length === 2);
  if (!row) throw new Error("no row with a plain, unique Penyebab Utama");
  return row;
}

test("after a restart the page reconnects by itself and shows a change made while the server was down", async ({ browser }) => {
  const file = path.join(os.tmpdir(), `benturan-restart-${process.pid}.sqlite`);
  // A run cut short leaves its file; a worker of a later run may get its pid.
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  const server = new Server(3017, `sqlite://${file}?mode=rwc`);
  try {
    await server.start();
    server.addUser("operator.uji", "admin");
    const { context, page, pageErrors } = await signedInAt(browser, server, "operator.uji");
    await page.evaluate(() => ((window as any).__stillHere = true));
    const register = await (await page.request.get("/api/get_register")).json();
    const exported = server.cli(["export", "--format", "text"]);
    const row = plainRow(register, exported);

    await server.stop();
    // While it is down, the register changes (a re-import, as an operator would).
    const text = `Diubah saat server berhenti ${Date.now()}`;
    const changed = path.join(os.tmpdir(), `benturan-restart-${process.pid}.txt`);
    writeFileSync(changed, exported.replace(row.penyebab, text));
    server.cli(["import", changed, "--year", String(register.year)]);
    rmSync(changed);
    await server.start();

    // The page reconnects, catches up, and shows it in place: no reload.
    const cell = page.locator(`tr[data-row-id="${row.id}"] td.cell-text`).nth(2);
    await expect(cell).toHaveText(text, { timeout: 30_000 });
    expect(await page.evaluate(() => (window as any).__stillHere)).toBe(true);
    expect(pageErrors).toEqual([]);
    await context.close();
  } finally {
    await server.stop();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  }
});

test("two instances on one PostgreSQL: a change through the first reaches a browser on the second", async ({ browser }) => {
  const name = `benturan_e2e_${process.pid}_${Date.now() % 100000}`;
  const psql = (sql: string) =>
    execFileSync("psql", ["-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", sql], { stdio: "pipe" });
  psql(`CREATE DATABASE ${name}`);
  const url = `postgres://postgres@127.0.0.1:5432/${name}`;
  const first = new Server(3018, url);
  const second = new Server(3019, url);
  try {
    await first.start();
    await second.start(false);
    first.addUser("instans.uji", "admin");
    const { context, page, pageErrors } = await signedInAt(browser, second, "instans.uji");
    await page.evaluate(() => ((window as any).__stillHere = true));

    // The same save the page makes, through the first instance.
    const api = await request.newContext({ baseURL: first.url, extraHTTPHeaders: { origin: first.url } });
    const login = await api.post("/login", {
      form: { username: "instans.uji", password: PASSWORD, next: "/" },
      maxRedirects: 0,
    });
    expect(login.status()).toBe(303);
    const register = await (await api.get("/api/get_register")).json();
    const row: Row = register.sections[2].rows[0];
    const text = `Lewat instans pertama ${Date.now()}`;
    const saved = Date.now();
    const save = await api.post("/api/save_cell", {
      form: { row: String(row.id), field: "Penyebab", expected: row.penyebab, value: text },
    });
    expect(save.status()).toBe(200);
    const cell = page.locator(`tr[data-row-id="${row.id}"] td.cell-text`).nth(2);
    await expect(cell).toHaveText(text, { timeout: 10_000 });
    console.log(`live across instances: the browser on the second saw it ${Date.now() - saved} ms after the save was sent`);
    expect(await page.evaluate(() => (window as any).__stillHere)).toBe(true);
    expect(pageErrors).toEqual([]);
    await api.dispose();
    await context.close();
  } finally {
    await first.stop();
    await second.stop();
    psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
});
