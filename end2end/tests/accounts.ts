/** The journeys' users: made and signed in by `accounts.setup.ts`. */
export const PASSWORD = "kata sandi uji coba";

export const USERS: { name: string; role: string; bagian?: number }[] = [
  { name: "admin.uji", role: "admin" },
  // Bagian Perencanaan & Kepegawain (the first) and Bagian Protokol.
  { name: "editor.perencanaan", role: "editor", bagian: 0 },
  { name: "editor.protokol", role: "editor", bagian: 1 },
  { name: "peninjau", role: "reviewer" },
  { name: "pimpinan", role: "viewer" },
  // Signs out in its journey (which ends all of its sessions): no one else's.
  { name: "tamu.baca", role: "viewer" },
];

/** Where a user's signed-in browser state is kept. */
export function stateOf(name: string): string {
  return `.auth/${name}.json`;
}
