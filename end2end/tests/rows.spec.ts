import { expect, test } from "@playwright/test";
import { expectAccessible, waitForHydration, watchForErrors } from "./helpers";

// Each journey counts the rows the other changes: one after the other.
test.describe.configure({ mode: "serial" });

test("a row is added below another, deleted, brought back by undo, and deleted again", async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto("/");
  await waitForHydration(page);
  const rows = page.locator("table.official-table tbody tr[data-row-id]");
  await expect(rows).toHaveCount(13);

  await page.getByRole("button", { name: "Tambah baris di bawah BK-001" }).click();
  const draft = page.locator("tr.new-row");
  await expect(draft.getByRole("textbox")).toHaveCount(5);
  // The new row sits inside its Bagian: the spanning cells cover it.
  await expect(page.locator("td.cell-no").first()).toHaveAttribute("rowspan", "5");
  await draft.getByRole("button", { name: "Simpan" }).click();
  await expect(draft.getByRole("alert")).toContainText("Aktivitas / Tahapan Kegiatan wajib diisi.");
  const texts = ["Mutasi Pegawai", "Titipan mutasi", "Kedekatan pribadi", "Mutasi tidak objektif", "Menyusun SOP mutasi."];
  for (const [index, text] of texts.entries()) await draft.getByRole("textbox").nth(index).fill(text);
  await expectAccessible(page);
  await page.screenshot({ path: "screenshots/rows-adding.png" });
  await draft.getByRole("button", { name: "Simpan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Baris BK-014 ditambahkan." })).toBeVisible();
  await expect(rows).toHaveCount(14);
  await expect(rows.nth(1)).toHaveAttribute("data-code", "BK-014");
  await expect(rows.nth(1)).toContainText("Mutasi Pegawai");
  await expect(page.locator("td.cell-no").first()).toHaveAttribute("rowspan", "5");

  await page.reload();
  await waitForHydration(page);
  await expect(rows).toHaveCount(14);

  await page.getByRole("button", { name: "Hapus baris BK-014" }).click();
  await expect(page.getByText("Baris BK-014 dihapus.")).toBeVisible();
  await expect(rows).toHaveCount(13);
  await page.screenshot({ path: "screenshots/rows-deleted.png" });
  await page.getByRole("button", { name: "Urungkan" }).click();
  await expect(rows).toHaveCount(14);
  await expect(rows.nth(1)).toHaveAttribute("data-code", "BK-014");

  // Up and back down: the order follows at once.
  await page.getByRole("button", { name: "Naikkan baris BK-014" }).click();
  await expect(rows.nth(0)).toHaveAttribute("data-code", "BK-014");
  await page.getByRole("button", { name: "Turunkan baris BK-014" }).click();
  await expect(rows.nth(1)).toHaveAttribute("data-code", "BK-014");

  await page.getByRole("button", { name: "Hapus baris BK-014" }).click();
  await expect(rows).toHaveCount(13);
  await page.reload();
  await waitForHydration(page);
  await expect(rows).toHaveCount(13);
  expect(errors).toEqual([]);
});

test("a row's history shows each change, and an earlier value is put back", async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto("/");
  await waitForHydration(page);
  const row = page.locator('tr[data-code="BK-010"]');
  const cause = row.locator("td.cell-text").nth(2);
  const original = (await cause.innerText()).trim();
  await cause.getByRole("button").click();
  await cause.getByRole("textbox").fill("Penyebab yang diubah");
  await cause.getByRole("textbox").press("Control+Enter");
  await expect(cause.locator(".cell-status")).toHaveText("Tersimpan");

  await page.getByRole("button", { name: "Riwayat baris BK-010" }).click();
  const panel = page.locator('tr[data-panel="history"]');
  await expect(panel.getByRole("heading", { name: "Riwayat baris BK-010" })).toBeFocused();
  const entries = panel.locator("li.history-entry");
  await expect(entries.first()).toContainText("Penyebab Utama diubah");
  await expect(entries.first()).toContainText("admin.uji · 127.0.0.1");
  await expect(entries.first().locator(".history-before")).toContainText(original);
  await expect(entries.first().locator(".history-after")).toContainText("Penyebab yang diubah");
  await expect(entries.last()).toContainText("Baris dibuat");
  await expect(entries.last()).toContainText("Impor berkas");
  // The Bagian's spanning cells cover the open panel.
  await expect(page.locator("td.cell-no").nth(2)).toHaveAttribute("rowspan", "6");
  await expectAccessible(page);
  await page.screenshot({ path: "screenshots/row-history.png" });

  await entries.first().getByRole("button", { name: "Kembalikan nilai ini (Penyebab Utama)" }).click();
  await expect(page.getByText("Penyebab Utama baris BK-010 dikembalikan.")).toBeVisible();
  await expect(page.locator('tr[data-code="BK-010"] td.cell-text').nth(2)).toHaveText(original);
  await expect(entries).toHaveCount(3);
  await expect(entries.first().locator(".history-after")).toContainText(original);
  // The first edit's earlier value is the current one again: nothing to put back.
  await expect(entries.nth(1)).toContainText("Sama dengan nilai sekarang");
  await expect(entries.nth(1).getByRole("button")).toHaveCount(0);
  await page.getByRole("button", { name: "Tutup" }).click();
  await expect(panel).toHaveCount(0);
  await page.reload();
  await waitForHydration(page);
  await expect(page.locator('tr[data-code="BK-010"] td.cell-text').nth(2)).toHaveText(original);
  expect(errors).toEqual([]);
});

test("a deleted row is listed and brought back to its place", async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto("/");
  await waitForHydration(page);
  const rows = page.locator("table.official-table tbody tr[data-row-id]");
  await expect(rows).toHaveCount(13);
  await page.getByRole("button", { name: "Hapus baris BK-006" }).click();
  await expect(rows).toHaveCount(12);
  await page.reload();
  await waitForHydration(page);
  const toggle = page.getByRole("button", { name: "Baris terhapus" });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const listed = page.locator("li.deleted-row");
  await expect(listed.filter({ hasText: "BK-006" })).toContainText("Bagian Protokol");
  await expectAccessible(page);
  await page.screenshot({ path: "screenshots/rows-deleted-list.png" });
  await page.getByRole("button", { name: "Pulihkan baris BK-006" }).click();
  await expect(page.getByText("Baris BK-006 dipulihkan.")).toBeVisible();
  await expect(rows).toHaveCount(13);
  await expect(rows.nth(5)).toHaveAttribute("data-code", "BK-006");
  await expect(listed.filter({ hasText: "BK-006" })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("a row moves to another Bagian and back; the numbers and spans follow", async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto("/");
  await waitForHydration(page);
  const numbers = page.locator("td.cell-no");
  await page.getByRole("combobox", { name: "Pindahkan baris BK-004 ke Bagian lain" }).selectOption({ label: "Bagian Protokol" });
  await expect(page.getByText("Baris BK-004 dipindahkan ke Bagian Protokol.")).toBeVisible();
  await expect(numbers.nth(0)).toHaveAttribute("rowspan", "3");
  await expect(numbers.nth(1)).toHaveAttribute("rowspan", "5");
  await expect(page.locator('tbody[data-bagian] tr[data-code="BK-004"]')).toHaveCount(1);
  const protokol = page.locator("tbody.register-section").nth(1);
  await expect(protokol.locator("tr[data-row-id]").last()).toHaveAttribute("data-code", "BK-004");

  await page
    .getByRole("combobox", { name: "Pindahkan baris BK-004 ke Bagian lain" })
    .selectOption({ label: "Bagian Perencanaan & Kepegawain" });
  await expect(numbers.nth(0)).toHaveAttribute("rowspan", "4");
  const first = page.locator("tbody.register-section").nth(0);
  await expect(first.locator("tr[data-row-id]").last()).toHaveAttribute("data-code", "BK-004");
  expect(errors).toEqual([]);
});

test("on a phone the row controls and a row's history stay usable", async ({ page }) => {
  const errors = watchForErrors(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await waitForHydration(page);
  const history = page.getByRole("button", { name: "Riwayat baris BK-002" });
  await history.scrollIntoViewIfNeeded();
  await history.click();
  await expect(page.getByRole("heading", { name: "Riwayat baris BK-002" })).toBeFocused();
  await page.screenshot({ path: "screenshots/rows-phone-history.png" });
  await expectAccessible(page);
  await page.getByRole("button", { name: "Tutup" }).click();
  await page.getByRole("button", { name: "Tambah baris di bawah BK-002" }).click();
  await expect(page.locator("tr.new-row textarea").first()).toBeVisible();
  await page.screenshot({ path: "screenshots/rows-phone-adding.png" });
  await page.locator("tr.new-row").getByRole("button", { name: "Batal" }).click();
  await expect(page.locator("tr.new-row")).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("a Bagian is added, gets its first row, is renamed, moved up, and removed once empty", async ({ page }) => {
  // The duplicate name below is refused with 422, as it must be.
  const errors = watchForErrors(page, { path: "/api/add_bagian", status: 422 });
  await page.goto("/");
  await waitForHydration(page);
  const names = page.locator("th.cell-bagian .bagian-name");
  const numbers = page.locator("td.cell-no");
  const newName = page.getByRole("textbox", { name: "Nama Bagian baru" });

  await newName.fill("bagian protokol");
  await page.getByRole("button", { name: "Tambah Bagian" }).click();
  await expect(page.locator(".add-bagian [role=alert]")).toHaveText(
    "Unit Kerja / Bagian dengan nama ini sudah ada; pilih nama lain.",
  );
  await newName.fill("  Bagian Hukum ");
  await page.getByRole("button", { name: "Tambah Bagian" }).click();
  await expect(page.getByText("Bagian Hukum ditambahkan.")).toBeVisible();
  await expect(newName).toHaveValue("");
  await expect(names).toHaveText([
    "Bagian Perencanaan & Kepegawain",
    "Bagian Protokol",
    "Bagian Materi & Komunikasi Pimpinan",
    "Bagian Hukum",
  ]);
  const empty = page.locator("tr.empty-section");
  await expect(empty).toContainText("Belum ada risiko di Bagian ini.");
  await expectAccessible(page);
  await empty.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "screenshots/bagian-empty.png" });

  // Its first row: the Bagian gets its number.
  await page.getByRole("button", { name: "Tambah risiko pertama Bagian Hukum" }).click();
  const draft = page.locator("tr.new-row");
  const texts = ["Penyusunan Produk Hukum", "Titipan pasal", "Kepentingan pihak", "Produk hukum cacat", "Reviu berjenjang."];
  for (const [index, text] of texts.entries()) await draft.getByRole("textbox").nth(index).fill(text);
  await draft.getByRole("button", { name: "Simpan" }).click();
  await expect(empty).toHaveCount(0);
  const hukum = page.locator('tbody.register-section').last();
  await expect(hukum.locator("tr[data-row-id]")).toHaveCount(1);
  await expect(numbers).toHaveText(["1", "2", "3", "4"]);
  const code = await hukum.locator("tr[data-row-id]").getAttribute("data-code");

  // Renamed in place.
  await page.getByRole("button", { name: "Ubah nama Bagian Hukum" }).click();
  const box = page.getByRole("textbox", { name: "Nama Bagian", exact: true });
  await expect(box).toBeFocused();
  await box.fill("Bagian Hukum & HAM");
  await box.press("Enter");
  await expect(page.getByText("Nama Bagian diubah menjadi Bagian Hukum & HAM.")).toBeVisible();
  await expect(names.last()).toHaveText("Bagian Hukum & HAM");

  // One place up: the numbers follow.
  await page.getByRole("button", { name: "Naikkan Bagian Hukum & HAM" }).click();
  await expect(names).toHaveText([
    "Bagian Perencanaan & Kepegawain",
    "Bagian Protokol",
    "Bagian Hukum & HAM",
    "Bagian Materi & Komunikasi Pimpinan",
  ]);
  await expect(numbers).toHaveText(["1", "2", "3", "4"]);
  await page.reload();
  await waitForHydration(page);
  await expect(names.nth(2)).toHaveText("Bagian Hukum & HAM");

  // Removed once its row is gone.
  await expect(page.getByRole("button", { name: "Hapus Bagian Hukum & HAM dari register" })).toHaveCount(0);
  await page.getByRole("button", { name: `Hapus baris ${code}` }).click();
  await expect(page.locator("tr.empty-section")).toHaveCount(1);
  await page.getByRole("button", { name: "Hapus Bagian Hukum & HAM dari register" }).click();
  await expect(page.getByText("Bagian Hukum & HAM dihapus dari register.")).toBeVisible();
  await expect(names).toHaveCount(3);
  await expect(numbers).toHaveText(["1", "2", "3"]);
  expect(errors).toEqual([]);
});
