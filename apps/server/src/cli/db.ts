/**
 * `tijian db`: database chores. `db copy --to <url-or-path>` copies the configured database (e.g. the SQLite
 * file) into another, empty one (e.g. PostgreSQL), migrating it first and verifying every table by row count and
 * SHA-256; `db check` prints those counts and checksums for the configured database (compare before and after a
 * backup/restore); `db migrate` brings the schema up to date and says so.
 */
import { CORE_TABLES, type CopiedTable, copyDatabase, Database, tableChecksum } from "@tijian/core"
import { Effect, Layer, ManagedRuntime } from "effect"
import type { Kysely } from "kysely"
import type { ServerSchema } from "../storage/serverSchema.js"
import { TokenStore } from "../auth/TokenStore.js"
import { layer as tokenStoreLayer } from "../auth/TokenStore.js"
import { ensureDatabaseDirectory, isPostgresUrl } from "../config.js"
import { readArgs } from "./args.js"
import { EXIT, type CliIo, UsageError } from "./io.js"
import { withSession } from "./session.js"
import { formatTable } from "./table.js"
import { resolve } from "node:path"

/** Usage of `db`. */
export const DB_USAGE = `usage:
  pnpm tijian db copy --to <postgres://... | path.sqlite>   copy this database into an empty one, verified
  pnpm tijian db check                                      row counts and SHA-256 per table
  pnpm tijian db migrate                                    bring the schema up to date
The source is the configured database (TIJIAN_DB / DATABASE_URL / tijian.config.json).
`

/** Every table, core's and the server's, with its key. */
export const ALL_TABLES: ReadonlyArray<CopiedTable> = [
  ...CORE_TABLES,
  { name: "api_tokens", key: ["id"] },
  { name: "audit_log", key: ["seq"] },
  { name: "agency_names", key: ["agency"] },
  { name: "region_boundaries", key: ["code"] },
]

const checksums = async (db: Kysely<any>) => Promise.all(ALL_TABLES.map(async (t) => ({ table: t.name, ...(await tableChecksum(db, t)) })))

/** Runs `db ...`. */
export const dbCommand = async (argv: ReadonlyArray<string>, io: CliIo): Promise<number> => {
  const [sub, ...rest] = argv
  const args = readArgs(rest, { to: { type: "string" } }, DB_USAGE)
  if (args.help || sub === undefined) {
    io.stdout(DB_USAGE)
    return sub === undefined ? EXIT.usage : EXIT.ok
  }
  if (sub === "migrate" || sub === "check") {
    return withSession(io, async (s) => {
      const { db } = await s.run(Database.Database)
      await s.run(TokenStore)
      if (sub === "migrate") {
        io.stdout(`${s.config.database}: schema up to date\n`)
        return EXIT.ok
      }
      const rows = await checksums(db)
      io.stdout(formatTable(["table", "rows", "sha256"], rows.map((r) => [r.table, String(r.rows), r.sha256])) + "\n")
      return EXIT.ok
    })
  }
  if (sub === "copy") {
    const to = args.values.to
    if (typeof to !== "string" || to.trim() === "") throw new UsageError("db copy needs --to <postgres://... or a SQLite path>", DB_USAGE)
    const target = isPostgresUrl(to) ? to : resolve(io.cwd, to)
    ensureDatabaseDirectory(target)
    return withSession(io, async (s) => {
      const { db: source } = await s.run(Database.Database)
      await s.run(TokenStore)
      const dest = ManagedRuntime.make(Layer.provideMerge(tokenStoreLayer, Database.layerFromUrl(target)))
      try {
        const { db } = await dest.runPromise(Database.Database)
        await dest.runPromise(TokenStore)
        const report = await Effect.runPromise(copyDatabase(source, db, ALL_TABLES))
        if (isPostgresUrl(target)) {
          // the copied audit entries keep their numbers: move the sequence past them
          const max = await (db as unknown as Kysely<ServerSchema>).selectFrom("audit_log").select((eb) => eb.fn.max("seq").as("seq")).executeTakeFirst()
          await db
            .selectNoFrom((eb) =>
              eb
                .fn("setval", [eb.fn("pg_get_serial_sequence", [eb.val("audit_log"), eb.val("seq")]), eb.val(Number(max?.seq ?? 0) + 1), eb.val(false)])
                .as("next"),
            )
            .execute()
        }
        io.stdout(
          formatTable(
            ["table", "rows", "sha256 (source = target)"],
            report.tables.map((t) => [t.name, String(t.rows), t.sourceSha256]),
          ) + `\ncopied ${s.config.database} -> ${target.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@")}, verified\n`,
        )
        return EXIT.ok
      } finally {
        await dest.dispose()
      }
    })
  }
  throw new UsageError(`unknown db command "${sub}"; use copy, check or migrate`, DB_USAGE)
}
