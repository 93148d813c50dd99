/**
 * Calculator parameters as Effect Schemas, in the units the people who run calculators use: minutes, metres,
 * km/h, `YYYY-MM-DD` dates, `HH:MM[:SS]` clock times. A calculator declares `params: Schema.Struct({...})` of
 * fields built with `param(...)`; the server's API listing and OpenAPI body, the CLI's help and every error
 * message come from that one declaration.
 *
 * Every building block accepts what a JSON body sends (a number, a list) and what a form field or `--param
 * key=value` sends (text), so `"60"` and `60` both decode to 60 minutes. Defaults are written in the same form the
 * user writes (`default: "07:00"`), checked when the calculator is defined.
 *
 * @example
 * const params = Schema.Struct({
 *   thresholdMin: param(Params.Minutes.pipe(Params.within(1, 240)), { en: "Door-to-door threshold", zh: "门到门时间阈值", default: 60 }),
 *   departure: param(Params.ClockTime, { en: "Departure time", zh: "出发时间", default: "08:00" }),
 * })
 */
import { Either, JSONSchema, ParseResult, Schema, SchemaAST } from "effect"

/** The annotation holding a parameter's Chinese description (the English one is `description`). */
export const ParamDescriptionZh: unique symbol = Symbol.for("@tijian/core/ParamDescriptionZh")
/** The annotation holding a parameter's default, in the form a user writes it (`"07:00"`, `60`). */
export const ParamDefault: unique symbol = Symbol.for("@tijian/core/ParamDefault")
/** The annotation holding the JSON Schema a building block documents (the OpenAPI body of a run). */
export const ParamJsonSchema: unique symbol = Symbol.for("@tijian/core/ParamJsonSchema")

/** A parameter value as a user sends it: JSON number, text, true/false, or a list of texts. */
export type ParamInput = number | string | boolean | ReadonlyArray<string>

/** A parameter Schema: decodes what a user sends (some `ParamInput`) into what `run` reads. */
export type ParamSchema<A = unknown> = Schema.Schema<A, any, never>

const jsonSchemaOf = (ast: SchemaAST.AST): Record<string, unknown> | undefined =>
  ast.annotations[ParamJsonSchema] as Record<string, unknown> | undefined

/** Shows a value a user sent, shortened, for error messages. */
export const shownValue = (v: unknown): string => {
  const s = typeof v === "string" ? `"${v}"` : (JSON.stringify(v) ?? String(v))
  return s.length > 60 ? `${s.slice(0, 57)}...` : s
}

const block = <A, I extends ParamInput>(schema: Schema.Schema<A, I, never>, title: string, message: string, json: Record<string, unknown>): Schema.Schema<A, I, never> =>
  schema.annotations({ title, message: () => ({ message, override: true }), [ParamJsonSchema]: json })

const numberFromInput = Schema.Union(
  Schema.Number,
  Schema.transformOrFail(Schema.String, Schema.Number, {
    strict: true,
    decode: (s, _, ast) => {
      const n = s.trim() === "" ? Number.NaN : Number(s.trim())
      return Number.isFinite(n) ? ParseResult.succeed(n) : ParseResult.fail(new ParseResult.Type(ast, s))
    },
    encode: (n) => ParseResult.succeed(String(n)),
  }),
).pipe(Schema.filter((n) => Number.isFinite(n)))

const words = (list: ReadonlyArray<string>) => list.map((w) => `"${w}"`).join(", ")

/**
 * Building blocks. Each has a `title` (the unit or form, shown by the CLI as `--param name=<title>`) and a message
 * that says what is expected.
 */
export const Params = {
  /** A finite number (JSON number or numeric text). */
  Number: block(numberFromInput, "number", "must be a number", { type: "number" }),
  /** A whole number. */
  Integer: block(numberFromInput.pipe(Schema.filter((n) => Number.isInteger(n))), "whole number", "must be a whole number", { type: "integer" }),
  /** Minutes (0 or more). */
  Minutes: block(numberFromInput.pipe(Schema.filter((n) => n >= 0)), "minutes", "must be a number of minutes, 0 or more", { type: "number", minimum: 0 }),
  /** Metres (0 or more). */
  Metres: block(numberFromInput.pipe(Schema.filter((n) => n >= 0)), "m", "must be a distance in metres, 0 or more", { type: "number", minimum: 0 }),
  /** A speed in km/h (more than 0). */
  KmPerHour: block(numberFromInput.pipe(Schema.filter((n) => n > 0)), "km/h", "must be a speed in km/h, more than 0", { type: "number", exclusiveMinimum: 0 }),
  /** Text. */
  Text: block(Schema.String, "text", "must be text", { type: "string" }),
  /** true or false (JSON boolean, or the text `true` / `false`). */
  Flag: block(
    Schema.Union(
      Schema.Boolean,
      Schema.transform(Schema.Literal("true", "false"), Schema.Boolean, { strict: true, decode: (s) => s === "true", encode: (b) => (b ? "true" : "false") }),
    ),
    "true/false",
    "must be true or false",
    { type: "boolean" },
  ),
  /** A list of texts: a JSON array, or comma-separated text (blanks dropped). */
  TextList: block(
    Schema.Union(
      Schema.Array(Schema.String),
      Schema.transform(Schema.String, Schema.Array(Schema.String), {
        strict: true,
        decode: (s) => s.split(",").map((x) => x.trim()).filter((x) => x.length > 0),
        encode: (list) => list.join(","),
      }),
    ),
    "list",
    "must be a list of texts (a JSON array, or text separated by commas)",
    { type: "array", items: { type: "string" } },
  ),
  /**
   * A calendar date `YYYY-MM-DD` (ISO 8601), decoded to that text. `YYYYMMDD` (the form GTFS files use) is
   * accepted too and normalised.
   */
  IsoDate: block(
    Schema.transformOrFail(Schema.String, Schema.String, {
      strict: true,
      decode: (s, _, ast) => {
        const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(s.trim())
        if (m) {
          const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
          const date = new Date(Date.UTC(y, mo - 1, d))
          if (date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) return ParseResult.succeed(`${m[1]}-${m[2]}-${m[3]}`)
        }
        return ParseResult.fail(new ParseResult.Type(ast, s))
      },
      encode: (s) => ParseResult.succeed(s),
    }),
    "YYYY-MM-DD",
    "must be a date YYYY-MM-DD that exists, e.g. 2024-05-15",
    { type: "string", format: "date" },
  ),
  /**
   * A clock time `HH:MM` or `HH:MM:SS`, decoded to seconds after midnight. Hours run to 47, as in GTFS, so a
   * time after midnight of the same service day can be said (`25:30` is 01:30 the next morning).
   */
  ClockTime: block(
    Schema.transformOrFail(Schema.String, Schema.Number, {
      strict: true,
      decode: (s, _, ast) => {
        const m = /^(\d{1,2}):([0-5]\d)(?::([0-5]\d))?$/.exec(s.trim())
        if (!m || Number(m[1]) > 47) return ParseResult.fail(new ParseResult.Type(ast, s))
        return ParseResult.succeed(Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0))
      },
      encode: (seconds) => ParseResult.succeed(formatClock(seconds)),
    }),
    "HH:MM[:SS]",
    "must be a time HH:MM or HH:MM:SS, e.g. 07:30 (hours up to 47 for after midnight)",
    { type: "string", pattern: "^\\d{1,2}:[0-5]\\d(:[0-5]\\d)?$" },
  ),
  /** One of a fixed set of words. */
  OneOf: <const W extends string>(...choices: ReadonlyArray<W>): Schema.Schema<W, W, never> =>
    block(Schema.Literal(...choices) as unknown as Schema.Schema<W, W, never>, choices.join("|"), `must be one of ${words(choices)}`, { type: "string", enum: choices }),
  /**
   * Keeps a number within [min, max], saying so in the unit of the block it refines.
   *
   * @example
   * Params.Minutes.pipe(Params.within(1, 240))
   */
  within:
    (min: number, max: number) =>
    <A extends number, I extends ParamInput>(schema: Schema.Schema<A, I, never>): Schema.Schema<A, I, never> => {
      const title = SchemaAST.getTitleAnnotation(schema.ast).pipe((o) => (o._tag === "Some" ? o.value : "number"))
      const unit = title === "number" || title === "whole number" ? "" : ` ${title}`
      const message = `must be ${title === "whole number" ? "a whole number" : "a number"} from ${min} to ${max}${unit}`
      return schema.pipe(Schema.filter((n) => n >= min && n <= max)).annotations({
        title,
        message: () => ({ message, override: true }),
        [ParamJsonSchema]: { ...jsonSchemaOf(schema.ast), minimum: min, maximum: max },
      })
    },
}

/** Formats seconds after midnight as `HH:MM`, or `HH:MM:SS` when the seconds are not 0. */
export const formatClock = (seconds: number): string => {
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  const hhmm = `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`
  return s === 0 ? hhmm : `${hhmm}:${String(s).padStart(2, "0")}`
}

/** What `param` records about a parameter besides its Schema. */
export interface ParamDoc<I> {
  readonly en: string
  readonly zh: string
  /** The default, written as a user would send it (`"07:00"`, `60`, `"unlimited"`). Absent: the parameter is required. */
  readonly default?: I
}

/**
 * A parameter: a building block (or any Schema from what a user sends) with its descriptions and default. A bad
 * default is a programming error and throws when the module loads.
 */
export const param = <A, I extends ParamInput>(schema: Schema.Schema<A, I, never>, doc: ParamDoc<NoInfer<I>>): Schema.Schema<A, I, never> => {
  if (doc.default !== undefined) {
    const decoded = Schema.decodeUnknownEither(schema)(doc.default)
    if (Either.isLeft(decoded)) throw new Error(`the default ${shownValue(doc.default)} of parameter "${doc.en}" does not decode: ${ParseResult.TreeFormatter.formatErrorSync(decoded.left)}`)
  }
  return schema.annotations({
    description: doc.en,
    [ParamDescriptionZh]: doc.zh,
    ...(doc.default !== undefined ? { [ParamDefault]: doc.default } : {}),
  })
}

/** The annotation marking a parameter a run may leave out (it has no default; `run` reads `undefined`). */
export const ParamOptional: unique symbol = Symbol.for("@tijian/core/ParamOptional")

/**
 * A parameter a run may leave out, without a default: `run` reads `undefined` (e.g. "only stations served on this
 * day", absent: every station).
 */
export const optionalParam = <A, I extends ParamInput>(schema: Schema.Schema<A, I, never>, doc: Omit<ParamDoc<I>, "default">): Schema.Schema<A | undefined, I | undefined, never> =>
  Schema.UndefinedOr(schema).annotations({
    title: SchemaAST.getTitleAnnotation(schema.ast).pipe((o) => (o._tag === "Some" ? o.value : "value")),
    // the block's own message ("must be a date YYYY-MM-DD ..."), not the union's
    ...SchemaAST.getMessageAnnotation(schema.ast).pipe((o) => (o._tag === "Some" ? { message: o.value } : {})),
    [ParamJsonSchema]: jsonSchemaOf(schema.ast),
    description: doc.en,
    [ParamDescriptionZh]: doc.zh,
    [ParamOptional]: true,
  })

/** The fields of a calculator's parameter Struct: one parameter Schema each. */
export type ParamFields = { readonly [name: string]: ParamSchema<any> }

/** A parameter as the API and the CLI describe it. */
export interface ParamDescription {
  readonly name: string
  /** The unit or form (`minutes`, `km/h`, `YYYY-MM-DD`, ...), from the Schema's title. */
  readonly type: string
  readonly required: boolean
  /** The default as a user writes it; null when the parameter is required. */
  readonly default: ParamInput | null
  readonly description: { readonly zh: string; readonly en: string }
  /** The JSON Schema of what a user sends. */
  readonly schema: Record<string, unknown>
}

const annotation = <T>(ast: SchemaAST.AST, key: symbol): T | undefined => ast.annotations[key] as T | undefined

/** Describes every parameter of a Struct, in declaration order. */
export const describeParams = <F extends ParamFields>(params: Schema.Struct<F>): ReadonlyArray<ParamDescription> =>
  Object.entries(params.fields as ParamFields).map(([name, schema]) => {
    const ast = schema.ast
    const title = SchemaAST.getTitleAnnotation(ast)
    const en = SchemaAST.getDescriptionAnnotation(ast)
    const dflt = annotation<ParamInput>(ast, ParamDefault)
    let json = jsonSchemaOf(ast)
    if (json === undefined) {
      try {
        json = JSONSchema.make(Schema.encodedSchema(schema)) as unknown as Record<string, unknown>
      } catch {
        json = {}
      }
    }
    return {
      name,
      type: title._tag === "Some" ? title.value : "value",
      required: dflt === undefined && ast.annotations[ParamOptional] !== true,
      default: dflt ?? null,
      description: { en: en._tag === "Some" ? en.value : name, zh: annotation<string>(ast, ParamDescriptionZh) ?? (en._tag === "Some" ? en.value : name) },
      schema: { ...json, ...(en._tag === "Some" ? { description: en.value } : {}), ...(dflt !== undefined ? { default: dflt } : {}) },
    }
  })

/** A parameter that does not decode: its name and what is wrong. */
export interface ParamProblem {
  readonly name: string
  readonly message: string
}

/** The outcome of decoding a run's parameters: the typed values and their canonical, user-facing form. */
export type DecodedParams<F extends ParamFields> =
  | { readonly _tag: "ok"; readonly values: Schema.Struct.Type<F>; readonly canonical: Readonly<Record<string, ParamInput>> }
  | { readonly _tag: "problems"; readonly problems: ReadonlyArray<ParamProblem> }

const messageOf = (error: ParseResult.ParseError): string => {
  const first = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
  return first?.message ?? "is malformed"
}

/**
 * Decodes raw parameters (JSON values, or texts from a form or `--param key=value`): unknown names are refused,
 * missing ones take their defaults, and every problem is listed (not only the first). `canonical` is each value
 * encoded back in the user's form (`"08:00"`, 60), for provenance.
 */
export const decodeParams = <F extends ParamFields>(params: Schema.Struct<F>, raw: Readonly<Record<string, unknown>>): DecodedParams<F> => {
  const fields = params.fields as ParamFields
  const problems: Array<ParamProblem> = []
  const known = Object.keys(fields)
  for (const name of Object.keys(raw)) {
    if (!Object.hasOwn(fields, name)) problems.push({ name, message: `unknown parameter "${name}"; the parameters are ${known.join(", ") || "none"}` })
  }
  const values: Record<string, unknown> = {}
  const canonical: Record<string, ParamInput> = {}
  for (const [name, schema] of Object.entries(fields)) {
    const given = raw[name]
    const dflt = annotation<ParamInput>(schema.ast, ParamDefault)
    const input = given === undefined || given === null || given === "" ? dflt : given
    if (input === undefined && schema.ast.annotations[ParamOptional] === true) {
      values[name] = undefined
      continue
    }
    if (input === undefined) {
      const en = SchemaAST.getDescriptionAnnotation(schema.ast)
      problems.push({ name, message: `parameter "${name}" is required${en._tag === "Some" ? ` (${en.value})` : ""}` })
      continue
    }
    const decoded = Schema.decodeUnknownEither(schema)(input)
    if (Either.isLeft(decoded)) {
      problems.push({ name, message: `parameter "${name}" ${messageOf(decoded.left)}, got ${shownValue(input)}` })
      continue
    }
    values[name] = decoded.right
    const encoded = Schema.encodeEither(schema)(decoded.right)
    canonical[name] = Either.isRight(encoded) ? encoded.right : (input as ParamInput)
  }
  return problems.length > 0 ? { _tag: "problems", problems } : { _tag: "ok", values: values as Schema.Struct.Type<F>, canonical }
}
