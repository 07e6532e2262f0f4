import { expect, test as setup } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { PASSWORD, USERS, stateOf } from "./accounts";

// The journeys' users, made as an admin would: with `benturan user add`
// on the server's database (while it runs), then signed in through the
// sign-in form, each browser state kept for the journeys that act as them.
const binary = process.env.BENTURAN_BIN ?? "../target/release/benturan";
const database = `sqlite://${process.env.BENTURAN_E2E_DB}?mode=rwc`;

function addUser(name: string, role: string, bagian: number[]) {
  const args = ["user", "add", name, "--role", role, "--password-stdin"];
  for (const id of bagian) args.push("--bagian", String(id));
  execFileSync(binary, args, { input: `${PASSWORD}\n`, env: { ...process.env, DATABASE_URL: database } });
}

setup("the journeys' users sign in", async ({ browser }) => {
  mkdirSync(".auth", { recursive: true });
  let bagian: number[] = [];
  for (const user of USERS) {
    if (user.role === "editor") {
      // An editor edits one Bagian of the Biro's register, by its place.
      addUser(user.name, user.role, [bagian[user.bagian ?? 0]]);
    } else {
      addUser(user.name, user.role, []);
    }
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Nama pengguna").fill(user.name);
    await page.getByLabel("Kata sandi").fill(PASSWORD);
    await page.getByRole("button", { name: "Masuk" }).click();
    await expect(page.getByTestId("user-name")).toHaveText(user.name);
    if (bagian.length === 0) {
      const register = await (await page.request.get("/api/get_register")).json();
      bagian = register.sections.map((section: { bagian_id: number }) => section.bagian_id);
    }
    await context.storageState({ path: stateOf(user.name) });
    await context.close();
  }
});
