import { defineConfig } from "@playwright/test";
import os from "node:os";
import path from "node:path";
import { stateOf } from "./tests/accounts";

// The release server, started on its own port with a fresh SQLite file, so
// the journeys see exactly what a newcomer sees on first start.
const port = process.env.E2E_PORT ?? "3007";
const baseURL = `http://127.0.0.1:${port}`;
const database = (process.env.BENTURAN_E2E_DB ??= path.join(
  os.tmpdir(),
  `benturan-e2e-${process.pid}.sqlite`,
));

const admin = stateOf("admin.uji");

export default defineConfig({
  testDir: "./tests",
  globalTeardown: "./teardown.ts",
  timeout: 30_000,
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  workers: 2,
  reporter: [["list"]],
  use: {
    baseURL,
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    {
      // The journeys' users: added with `benturan user add`, signed in once.
      name: "accounts",
      testMatch: /accounts\.setup\.ts/,
      use: { viewport: { width: 1366, height: 900 } },
    },
    {
      // Signed in as an admin unless a journey says otherwise.
      name: "hydrated",
      testIgnore: /no-javascript|rows|matrix|large|instances|reload|as-of|upload|print|cycle|reminders/,
      dependencies: ["accounts"],
      use: { viewport: { width: 1366, height: 900 }, storageState: admin },
    },
    {
      name: "no-javascript",
      testMatch: /no-javascript/,
      dependencies: ["accounts"],
      use: { javaScriptEnabled: false, viewport: { width: 1366, height: 900 }, storageState: admin },
    },
    {
      // Adds and deletes rows: runs after the journeys that count them.
      name: "rows",
      testMatch: /rows|matrix/,
      dependencies: ["hydrated", "no-javascript"],
      use: { viewport: { width: 1366, height: 900 }, storageState: admin },
    },
    {
      // Servers of their own: restarted under an open page; two instances
      // on one PostgreSQL; a register whose change log is dated back.
      name: "instances",
      testMatch: /instances|reload|as-of|cycle|reminders/,
    },
    {
      // Imports a workbook into the register: no other journey edits meanwhile.
      name: "documents",
      testMatch: /upload/,
      dependencies: process.env.E2E_ONLY_DOCUMENTS ? ["accounts"] : ["rows"],
      use: { viewport: { width: 1366, height: 900 }, storageState: admin },
    },
    {
      // The printed form: its settings change a register's version, which
      // the upload journey needs unchanged while it runs.
      name: "print",
      testMatch: /print/,
      dependencies: process.env.E2E_ONLY_DOCUMENTS ? ["accounts"] : ["documents"],
      use: { viewport: { width: 1366, height: 900 }, storageState: admin },
    },
    {
      // A register of 10,000 rows, timed: runs alone, last.
      name: "large",
      testMatch: /large/,
      dependencies: ["print", "instances"],
      use: { viewport: { width: 1366, height: 900 }, storageState: admin },
    },
  ],
  webServer: {
    command: `${process.env.BENTURAN_BIN ?? "../target/release/benturan"} serve --seed-if-empty`,
    url: `${baseURL}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      DATABASE_URL: `sqlite://${database}?mode=rwc`,
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: process.env.BENTURAN_SITE_ROOT ?? "../target/site",
      RUST_LOG: "warn",
    },
  },
});
