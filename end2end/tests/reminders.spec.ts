import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { APIRequestContext, expect, test } from "@playwright/test";
import { expectAccessible, waitForHydration } from "./helpers";
import { Server, signedInAt } from "./servers";

// Control actions falling due, on a server of its own (their target dates
// change what other journeys count): the header's count follows changes
// live, the list "Jatuh tempo" orders them, the admin sets a user's e-mail.
test.describe.configure({ timeout: 120_000 });

/** Sets row `code`'s target date `days` from today (WITA) through the API. */
async function dueIn(api: APIRequestContext, origin: string, code: string, days: number) {
  const register = await (await api.get("/api/get_register")).json();
  const rows = register.sections.flatMap((section: { rows: { id: number; code: string }[] }) => section.rows);
  const row = rows.find((r: { code: string }) => r.code === code);
  const wita = new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
  const form = { row: String(row.id), field: "TargetDate", quarter: "", expected: "", value: wita };
  const saved = await api.post("/api/save_assessment", { form, headers: { origin } });
  expect(saved.status()).toBe(200);
}

test("control actions falling due: the header's count live, the list, an e-mail address set", async ({ browser }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "benturan-due-"));
  const server = new Server(3024, `sqlite://${path.join(dir, "due.sqlite")}?mode=rwc`);
  try {
    await server.start();
    server.addUser("ingat.admin", "admin");
    server.addUser("ingat.baca", "viewer");
    const { context, page, pageErrors } = await signedInAt(browser, server, "ingat.admin");
    const badge = page.getByTestId("due-badge");
    await expect(page.getByTestId("due-link")).toBeVisible();
    await expect(badge).toHaveCount(0);

    // Two actions come due while the page is open: the count follows.
    await dueIn(page.request, server.url, "BK-001", 3);
    await expect(badge).toContainText("1", { timeout: 15_000 });
    await dueIn(page.request, server.url, "BK-005", -2);
    await expect(badge).toContainText("2", { timeout: 15_000 });
    await expect(badge.locator(".visually-hidden")).toHaveText("2 RTP jatuh tempo");

    await page.getByTestId("due-link").click();
    await expect(page).toHaveURL(/\/jatuh-tempo$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Jatuh tempo");
    const rows = page.getByTestId("due-row");
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText("BK-005");
    await expect(rows.first()).toContainText("terlambat 2 hari");
    await expect(rows.nth(1)).toContainText("3 hari lagi");
    await expect(page.getByTestId("due-mail")).toContainText("belum diatur untuk mengirim e-mail");
    await expectAccessible(page);
    await page.screenshot({ path: "screenshots/due-desktop.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "screenshots/due-phone.png", fullPage: true });
    await page.setViewportSize({ width: 1366, height: 900 });
    // A row's link opens its Bagian in the register, overdue ones shown.
    await rows.first().getByRole("link").click();
    await expect(page).toHaveURL(/\/register\/\d+\/\d+\?penilaian=1&bagian=\d+&terlambat=1$/);
    await waitForHydration(page);
    await expect(page.locator("tr[data-code='BK-005']")).toBeVisible();

    // The admin page says e-mail is off, and takes a user's address.
    await page.goto("/admin");
    await waitForHydration(page);
    await expect(page.getByTestId("mail-note")).toContainText("BENTURAN_SMTP_HOST");
    const reader = page.locator("tr[data-user='ingat.baca']");
    await reader.getByLabel("E-mail").fill("ingat baca@kaltimprov");
    await reader.getByRole("button", { name: "Simpan" }).click();
    await expect(page.getByRole("alert")).toContainText("E-mail harus satu alamat");
    await reader.getByLabel("E-mail").fill("ingat.baca@kaltimprov.go.id");
    await reader.getByRole("button", { name: "Simpan" }).click();
    await expect(page.getByRole("status").filter({ hasText: "ingat.baca" })).toBeVisible();
    await expectAccessible(page);
    await page.reload();
    await expect(page.locator("tr[data-user='ingat.baca']").getByLabel("E-mail")).toHaveValue(
      "ingat.baca@kaltimprov.go.id",
    );
    expect(pageErrors).toEqual([]);
    await context.close();
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
