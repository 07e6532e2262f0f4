import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Page, expect, test } from "@playwright/test";
import { expectAccessible, waitForHydration } from "./helpers";
import { Server, signedInAt } from "./servers";

// The register's yearly cycle on a server of its own (a submitted register
// fixes the text every other journey edits): an editor submits, the
// reviewer's open page follows live and reviews, an admin approves with the
// decree and opens a revision; the approved text stays readable.
test.describe.configure({ timeout: 120_000 });

/** Takes the step named `button` with what the form asks. */
async function takeStep(page: Page, button: string, fields: Record<string, string> = {}) {
  const cycle = page.getByTestId("cycle");
  await cycle.getByRole("button", { name: button }).click();
  const form = page.getByTestId("step-form");
  for (const [label, value] of Object.entries(fields)) await form.getByLabel(label).fill(value);
  await form.getByRole("button", { name: "Simpan langkah" }).click();
}

test("a register's cycle: submitted, followed live, reviewed, approved by decree, revised; the approved text kept", async ({ browser }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "benturan-cycle-"));
  const server = new Server(3023, `sqlite://${path.join(dir, "cycle.sqlite")}?mode=rwc`);
  try {
    await server.start();
    server.addUser("siklus.admin", "admin");
    server.addUser("siklus.editor", "editor");
    server.addUser("siklus.reviu", "reviewer");
    const editor = await signedInAt(browser, server, "siklus.editor");
    const reviewer = await signedInAt(browser, server, "siklus.reviu");

    // A draft: the editor can submit it; the reviewer has nothing to do yet.
    const cycle = editor.page.getByTestId("cycle");
    await expect(cycle.locator(".cycle-current")).toHaveText("Draf");
    await expect(reviewer.page.getByTestId("cycle")).toContainText("Tidak ada langkah untuk peran Anda");
    await expect(cycle.getByRole("button", { name: "Ajukan untuk direviu" })).toBeVisible();
    await cycle.getByRole("button", { name: "Ajukan untuk direviu" }).click();
    await expectAccessible(editor.page);
    await editor.page.getByTestId("step-form").getByLabel("Komentar (opsional)").fill("Semua Bagian sudah mengisi");
    await editor.page.getByTestId("step-form").getByRole("button", { name: "Simpan langkah" }).click();
    await expect(editor.page.getByRole("status").filter({ hasText: "Langkah tersimpan: Diajukan." })).toBeVisible();
    await expect(cycle.locator(".cycle-current")).toHaveText("Diajukan");
    await expect(editor.page.getByTestId("access-note")).toContainText("sedang diajukan atau direviu");
    await editor.page.screenshot({ path: "screenshots/cycle-submitted-desktop.png", fullPage: false });

    // The reviewer's page follows without a reload, and reviews.
    const reviewing = reviewer.page.getByTestId("cycle");
    await expect(reviewing.locator(".cycle-current")).toHaveText("Diajukan", { timeout: 15_000 });
    await expect(reviewer.page.locator(".register-meta .status-badge")).toHaveText("Diajukan");
    await expect(reviewing.getByRole("button", { name: "Kembalikan ke draf" })).toBeVisible();
    await takeStep(reviewer.page, "Tandai sudah direviu", { "Komentar (opsional)": "Sesuai" });
    await expect(reviewing.locator(".cycle-current")).toHaveText("Direviu");

    // The admin approves with the decree; a missing date is named.
    const admin = await signedInAt(browser, server, "siklus.admin");
    const approving = admin.page.getByTestId("cycle");
    await takeStep(admin.page, "Tetapkan", { "Nomor SK penetapan": "100.3.3/K.12/2026" });
    await expect(admin.page.locator("#step-error")).toHaveText("Tanggal SK wajib diisi.");
    await admin.page.getByTestId("step-form").getByLabel("Tanggal SK").fill("2026-12-07");
    await admin.page.getByTestId("step-form").getByRole("button", { name: "Simpan langkah" }).click();
    await expect(approving.locator(".cycle-current")).toHaveText("Ditetapkan");
    await expect(admin.page.locator(".cell-actions .row-action")).toHaveCount(0);
    await expect(approving.getByTestId("approval")).toContainText("SK 100.3.3/K.12/2026 tanggal 7 Desember 2026");

    // A revision opens the text again, with its reason; the history says who did what.
    await takeStep(admin.page, "Buka revisi", { "Alasan (wajib)": "Perubahan struktur organisasi" });
    await expect(approving.locator(".cycle-current")).toHaveText("Draf");
    await expect(approving.locator(".cycle-revision")).toHaveText("Revisi 1");
    await approving.locator(".cycle-history summary").click();
    const steps = approving.getByTestId("cycle-step");
    await expect(steps).toHaveCount(4);
    await expect(steps.first()).toContainText("Revisi dibuka");
    await expect(steps.first()).toContainText("Perubahan struktur organisasi");
    await expect(steps.last()).toContainText("oleh siklus.editor");
    await expectAccessible(admin.page);
    await admin.page.screenshot({ path: "screenshots/cycle-revision-desktop.png", fullPage: false });
    await admin.page.setViewportSize({ width: 390, height: 844 });
    await approving.scrollIntoViewIfNeeded();
    await admin.page.screenshot({ path: "screenshots/cycle-revision-phone.png", fullPage: false });
    await admin.page.setViewportSize({ width: 1366, height: 900 });

    // The approved text, read back: read-only, printable.
    await approving.getByRole("link", { name: "Lihat" }).click();
    await expect(admin.page).toHaveURL(/\?revisi=0$/);
    await waitForHydration(admin.page);
    await expect(admin.page.getByTestId("as-of-banner")).toContainText("Naskah awal, sebagaimana ditetapkan pada");
    await expect(admin.page.locator(".register-meta .status-badge")).toHaveText("Ditetapkan");
    await expect(admin.page.getByTestId("cycle")).toHaveCount(0);
    await expect(admin.page.getByTestId("print-link")).toHaveAttribute("href", /\/cetak\?revisi=0$/);
    await expectAccessible(admin.page);

    // Next year's register, carried forward from this one.
    const year = new Date().getFullYear();
    await admin.page.goto("/");
    await waitForHydration(admin.page);
    await admin.page.getByRole("button", { name: `Mulai register tahun ${year + 1}` }).click();
    await expect(admin.page.getByTestId("next-year-form")).toContainText("Status RTP dimulai lagi");
    await expectAccessible(admin.page);
    await admin.page.getByTestId("next-year-form").getByRole("button", { name: "Mulai" }).click();
    await expect(admin.page).toHaveURL(new RegExp(`/register/\\d+/${year + 1}$`));
    await waitForHydration(admin.page);
    await expect(admin.page.getByTestId("carried-from")).toContainText(`Dibawa dari register ${year}`);
    await expect(admin.page.getByTestId("row-origin")).toHaveCount(13);
    await expect(admin.page.getByTestId("row-origin").first()).toHaveText(`Dibawa dari ${year}`);
    // A row changed this year shows so, and the filter finds it.
    const next = await (await admin.page.request.get(`/api/get_register?year=${year + 1}`)).json();
    const row = next.sections[0].rows[0];
    const saved = await admin.page.request.post("/api/save_cell", {
      form: { row: String(row.id), field: "Dampak", expected: row.dampak, value: "Dampak tahun berikutnya" },
      headers: { origin: server.url },
    });
    expect(saved.status()).toBe(200);
    const first = admin.page.locator(`tr[data-row-id="${row.id}"] [data-testid="row-origin"]`);
    await expect(first).toHaveText(`Diubah dari ${year}`, { timeout: 15_000 });
    await admin.page.getByTestId("carried-from").getByRole("link", { name: "Diubah", exact: true }).click();
    await expect(admin.page).toHaveURL(/\?asal=diubah$/);
    await expect(admin.page.getByTestId("filter-count")).toHaveText("1 dari 13 risiko");
    await expectAccessible(admin.page);
    await admin.page.screenshot({ path: "screenshots/carried-forward-desktop.png", fullPage: false });

    // The dashboard lists the unit's registers with where each stands.
    await admin.page.goto("/dasbor");
    const list = admin.page.getByTestId("register-list").locator("tbody tr");
    await expect(list).toHaveCount(2);
    await expect(list.nth(0)).toContainText(String(year + 1));
    await expect(list.nth(1)).toContainText("Revisi 1");
    await expect(list.nth(1)).toContainText("Revisi dibuka");
    await expectAccessible(admin.page);
    await admin.page.screenshot({ path: "screenshots/dashboard-registers-desktop.png", fullPage: true });

    for (const who of [editor, reviewer, admin]) {
      expect(who.pageErrors).toEqual([]);
      await who.context.close();
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
