/**
 * Path and query parameters, declared once: each an Effect Schema from the text of the URL to the value a
 * handler uses, with the message of its 400 and its documentation (description, example, JSON Schema) as
 * annotations. `parameterDocs` reads the documentation back for the OpenAPI document.
 */
import { canonicalTime, type RegionLevel, YEAR_RANGE } from "@tijian/core"
import { Either, ParseResult, Schema, SchemaAST } from "effect"
import { BadRequest } from "../errors.js"
import type { JsonSchema } from "../openapi/jsonSchema.js"
import type { ParameterSpec } from "../openapi/table.js"

/**
 * A parameter's text as a 400 quotes it: whole up to 80 characters, else its first 80 and how long it was, so a
 * URL of kilobytes is not echoed back whole.
 *
 * @example
 * shown("Couty") // '"Couty"'
 */
const shown = (text: string): string => (text.length <= 80 ? `"${text}"` : `"${text.slice(0, 80)}…" (${text.length} characters)`)

/** The documentation of a parameter: what it is, an example, its JSON Schema in the document. */
interface ParamDoc {
  readonly description: string
  readonly example: string | number | boolean
  readonly jsonSchema: JsonSchema
}

/** A parameter from text to `A`, failing with `message(text)` (the whole 400 message). */
const fromText = <A>(parse: (text: string) => A | undefined, message: (text: string) => string, format: (a: A) => string, doc: ParamDoc) =>
  Schema.transformOrFail(Schema.String, Schema.Any as Schema.Schema<A>, {
    strict: true,
    decode: (text, _, ast) => {
      const value = parse(text)
      return value === undefined ? ParseResult.fail(new ParseResult.Type(ast, text, message(text))) : ParseResult.succeed(value)
    },
    encode: (value) => ParseResult.succeed(format(value)),
  }).annotations({ description: doc.description, examples: [doc.example as never], jsonSchema: doc.jsonSchema })

/** Text as it is, documented. */
export const TextParam = (description: string, example: string) =>
  Schema.String.annotations({ description, examples: [example], jsonSchema: { type: "string" } })

/** A year within core's range, as a whole number. */
export const yearOf = (text: string): number | undefined => {
  const year = /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN
  return Number.isInteger(year) && year >= YEAR_RANGE.min && year <= YEAR_RANGE.max ? year : undefined
}

/** The message of a year that does not parse. */
export const badYearMessage = (text: string, name = "year") =>
  `${name} must be a whole year between ${YEAR_RANGE.min} and ${YEAR_RANGE.max}, not ${shown(text)}`

const yearSchema = { type: "integer", minimum: YEAR_RANGE.min, maximum: YEAR_RANGE.max } as const

/** A year (`2023`) in a path or query. */
export const YearParam = (description = `A year (${YEAR_RANGE.min}..${YEAR_RANGE.max}).`, example = 2023) =>
  fromText(yearOf, (text) => badYearMessage(text), String, { description, example, jsonSchema: yearSchema })

/** `asOf`: an ISO-8601 date or date-time with a zone, read as core's canonical UTC time. */
export const AsOfParam = fromText(
  (text) => canonicalTime(text),
  (text) => `asOf must be an ISO-8601 date or date-time with a time zone (e.g. 2025-01-01 or 2025-01-01T08:00:00Z), not ${shown(text)}`,
  (time) => time,
  {
    description:
      "Read the data as they stood at this time: an ISO-8601 date or date-time with a zone. Default: the latest committed change, so the same answer can be read again later with the `asOf` it reports.",
    example: "2025-01-01T00:00:00Z",
    jsonSchema: { type: "string" },
  },
)

/** The items of a comma-separated list, trimmed, empty ones dropped. */
const itemsOf = (text: string) => text.split(",").map((item) => item.trim()).filter((item) => item !== "")

/** A comma-separated list (`a,b`); items are trimmed, empty ones dropped. */
export const ListParam = (description: string, example: string) =>
  fromText(
    itemsOf,
    () => "",
    (items) => items.join(","),
    { description: `${description} A comma-separated list.`, example, jsonSchema: { type: "string" } },
  )

/** A comma-separated list of years (`2022,2023`). */
export const YearListParam = (description: string, example: string) =>
  fromText(
    (text) => {
      const years = itemsOf(text).map(yearOf)
      return years.every((y) => y !== undefined) ? years : undefined
    },
    (text) => badYearMessage(itemsOf(text).find((item) => yearOf(item) === undefined) ?? text),
    (years) => years.join(","),
    { description: `${description} A comma-separated list.`, example, jsonSchema: { type: "string" } },
  )

/** `true` or `false`. */
export const BooleanParam = (name: string, description: string) =>
  fromText(
    (text) => (text === "true" ? true : text === "false" ? false : undefined),
    (text) => `${name} must be true or false, not ${shown(text)}`,
    String,
    { description, example: true, jsonSchema: { type: "boolean" } },
  )

/** A whole number from `min` to `max`. */
export const WholeNumberParam = (name: string, min: number, max: number, description: string, example: number) =>
  fromText(
    (text) => (/^\d{1,15}$/.test(text) && Number(text) >= min && Number(text) <= max ? Number(text) : undefined),
    (text) => `${name} must be a whole number from ${min} to ${max}, not ${shown(text)}`,
    String,
    { description, example, jsonSchema: { type: "integer", minimum: min, maximum: max } },
  )

/** One of a fixed set of words. */
export const OneOfParam = <const W extends string>(name: string, words: ReadonlyArray<W>, description: string) =>
  fromText(
    (text) => (words.includes(text as W) ? (text as W) : undefined),
    (text) => `${name} must be one of ${words.join(", ")}, not ${shown(text)}`,
    (word) => word,
    { description, example: words[0]!, jsonSchema: { type: "string", enum: words } },
  )

/** The region levels, as `?level=` takes them (`GET /regions`, `GET /overview/{indicator}/{year}`). */
export const REGION_LEVELS: ReadonlyArray<RegionLevel> = ["region", "province", "city", "county"]

/** `?level=`: one region level; `description` says what it selects in this endpoint. */
export const RegionLevelParam = (description: string) => OneOfParam("level", REGION_LEVELS, description)

/** An optional query parameter (absent: undefined). */
export const optional = <A, I>(schema: Schema.Schema<A, I>) => Schema.optionalWith(schema, { exact: true })

/**
 * Decodes the text parameters of a request with a Struct of parameter Schemas; the first that does not decode is
 * a 400 with its message.
 */
export const decodeParams = <F extends Schema.Struct.Fields>(struct: Schema.Struct<F>, given: Record<string, string>): Schema.Struct.Type<F> => {
  const decoded = Schema.decodeUnknownEither(struct as unknown as Schema.Schema<Schema.Struct.Type<F>, unknown>)(given)
  if (Either.isRight(decoded)) return decoded.right
  const issue = ParseResult.ArrayFormatter.formatErrorSync(decoded.left)[0]
  const name = issue?.path.map(String).join(".") ?? ""
  throw new BadRequest({ message: issue?.message && issue.message !== "is missing" ? issue.message : `the parameter ${name} is missing or malformed` })
}

/** An example as its JSON Schema types it: a parameter read as text but documented as an integer shows a number. */
const exampleAs = (schema: JsonSchema, example: unknown): string | number | boolean =>
  schema.type === "integer" && typeof example === "string" && /^\d+$/.test(example) ? Number(example) : (example as string | number | boolean)

/** A year read as text by a handler that parses more than a year (`2022.xlsx`, `2022.md`), documented as a year. */
export const YearTextParam = (description = `A year (${YEAR_RANGE.min}..${YEAR_RANGE.max}).`, example = "2022") =>
  Schema.String.annotations({ description, examples: [example], jsonSchema: yearSchema })

/** The documented parameters (path or query) of a Struct of parameter Schemas. */
export const parameterDocs = (struct: { readonly ast: SchemaAST.AST } | undefined, where: "path" | "query"): ReadonlyArray<ParameterSpec> => {
  if (struct === undefined) return []
  const ast = struct.ast
  if (!SchemaAST.isTypeLiteral(ast)) throw new Error("parameters are declared as a Schema.Struct")
  return ast.propertySignatures.map((p) => {
    const type = SchemaAST.isUnion(p.type) ? p.type.types.find((t) => !SchemaAST.isUndefinedKeyword(t))! : p.type
    const description = SchemaAST.getDescriptionAnnotation(type)
    const examples = SchemaAST.getExamplesAnnotation(type)
    const jsonSchema = SchemaAST.getJSONSchemaAnnotation(type)
    if (description._tag === "None" || examples._tag === "None" || jsonSchema._tag === "None") {
      throw new Error(`the parameter ${String(p.name)} needs a description, an example and a JSON Schema (declare it in endpoint/parameters.ts)`)
    }
    return {
      name: String(p.name),
      in: where,
      description: description.value,
      required: where === "path" || !p.isOptional,
      schema: jsonSchema.value as JsonSchema,
      example: exampleAs(jsonSchema.value as JsonSchema, examples.value[0]),
    }
  })
}

// ------------------------------------------------------------------------------------------------ shared

/** An indicator id in a path or query. */
export const IndicatorParam = TextParam("Indicator id, `<plugin>.<slug>`.", "beauty.growth")

/** A region or group code in a path or query. */
export const RegionParam = TextParam(
  "Region or group code (GB/T 2260 for regions, e.g. 320500 Suzhou (Jiangsu); groups such as DEMO-ZONE).",
  "320500",
)

/** The region or group a report is of. */
export const ScopeParam = TextParam("Region or group code, e.g. 320500, YRD, DEMO-ZONE.", "YRD")

/** Text documented as one of `words`; the handler reads it and words its own 400 (e.g. report formats). */
export const WordParam = (description: string, words: ReadonlyArray<string>, example: string) =>
  Schema.String.annotations({ description, examples: [example], jsonSchema: { type: "string", enum: words } })

/** A flag: `true` (or given without a value, `?commit`) or `false`. */
export const FlagParam = (name: string, description: string) =>
  fromText(
    (text) => (text === "true" || text === "" ? true : text === "false" ? false : undefined),
    (text) => `${name} must be true or false, not ${shown(text)}`,
    String,
    { description, example: true, jsonSchema: { type: "boolean", default: false } },
  )
