import { Browser, expect } from "@playwright/test";
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import { PASSWORD } from "./accounts";
import { waitForHydration } from "./helpers";

/** The release binary and site under test (see playwright.config.ts). */
export const BINARY = process.env.BENTURAN_BIN ?? "../target/release/benturan";
const SITE_ROOT = process.env.BENTURAN_SITE_ROOT ?? "../target/site";

/**
 * A `benturan` server of a journey's own, on its own port and database, for
 * the journeys that stop and start servers or run several at once.
 */
export class Server {
  private child?: ChildProcess;

  constructor(
    readonly port: number,
    readonly database: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the server and waits until it serves the sign-in page. */
  async start(seed = true) {
    this.child = spawn(BINARY, ["serve", ...(seed ? ["--seed-if-empty"] : [])], {
      env: {
        ...process.env,
        DATABASE_URL: this.database,
        LEPTOS_SITE_ADDR: `127.0.0.1:${this.port}`,
        LEPTOS_SITE_ROOT: SITE_ROOT,
        RUST_LOG: "warn",
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${this.url}/login`)).status === 200) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the server on port ${this.port} did not start`);
  }

  /** Stops the server as an operator would (SIGTERM), and waits for it. */
  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }

  /** Runs a `benturan` command on this server's database; its output. */
  cli(args: string[], input?: string): string {
    return execFileSync(BINARY, args, { input, env: { ...process.env, DATABASE_URL: this.database } }).toString();
  }

  /** Adds user `name` with `role` on this server's database. */
  addUser(name: string, role: string) {
    this.cli(["user", "add", name, "--role", role, "--password-stdin"], `${PASSWORD}\n`);
  }
}

/** A browser of its own, signed in as `name` at `server` through the form, on the register. */
export async function signedInAt(browser: Browser, server: Server, name: string) {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto("/login");
  await page.getByLabel("Nama pengguna").fill(name);
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  await expect(page.getByTestId("user-name")).toHaveText(name);
  await waitForHydration(page);
  return { context, page, pageErrors };
}
