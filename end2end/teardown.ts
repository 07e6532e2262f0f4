import { rmSync } from "node:fs";

/** Removes the journeys' SQLite database once the server has stopped. */
export default function teardown() {
  const database = process.env.BENTURAN_E2E_DB;
  if (!database) return;
  for (const suffix of ["", "-wal", "-shm"]) rmSync(database + suffix, { force: true });
}
