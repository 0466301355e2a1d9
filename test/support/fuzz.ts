/**
 * fast-check arbitraries made from an OpenAPI 3.0 document: for each operation, requests whose path, query,
 * headers and body come from the operation's own schemas. A request is wholly valid (so that it reaches the code
 * behind the schemas), or valid but for one field, which holds a value at or past its bounds or a hostile one
 * (huge numbers, NUL, impossible dates, wrong types, long strings, unusual Unicode), or wild in every field.
 * Ids are drawn mostly from records that exist, so that requests get past "not found".
 */
import fc from "fast-check";

type Json = Record<string, any>;

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | FormData;
}

/** what the generator may use: the document (for $ref) and ids of records that exist */
export interface FuzzContext {
  doc: Json;
  ids: number[];
}

type Mode = "valid" | "oneBad" | "wild";

const MAX_INT4 = 2_147_483_647;

// the most telling first: fast-check favours the first constants
const NASTY_STRINGS = [
  "\u0000", "a\u0000b", "", " ", "2020-02-30", "2021-02-29", "0000-00-00", "9999-12-31", "2020-13-01", "2020-1-1", "\uD800", "\uDFFF\uD800",
  "👨‍👩‍👧‍👦", "\u202Eevil", "e\u0301", "\u200B", "𠀀𠀁", "Ａ１", "\r\n", "%00", "../../etc/passwd", "' or 1=1 --", "<script>alert(1)</script>",
  "NaN", "-1", "1e400", "0x10", "2147483648", "99999999999999999999", "x".repeat(5000), "中".repeat(30_000),
];
const NASTY_NUMBERS = [2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, 1e308, -1e308, 5e-324, -0, 1.5, -1, 0];
const WRONG_TYPES: unknown[] = [null, true, [], [null], [[[[[]]]]], {}, { $ref: "#" }, JSON.parse('{"__proto__": {"admin": true}}'), { constructor: { prototype: {} } }];

/** A value the schema does not expect, of its own type first. */
function hostileFor(s: Json): fc.Arbitrary<unknown> {
  const strings = fc.constantFrom(...NASTY_STRINGS);
  const numbers = fc.constantFrom(...NASTY_NUMBERS);
  const wrong = fc.constantFrom(...WRONG_TYPES);
  if (s.type === "string") return fc.oneof({ weight: 4, arbitrary: strings }, numbers, wrong);
  if (s.type === "integer" || s.type === "number") return fc.oneof({ weight: 4, arbitrary: numbers }, strings, wrong);
  return fc.oneof(wrong, strings, numbers);
}

function resolve(doc: Json, s: Json | undefined): Json {
  let schema = s ?? {};
  for (let i = 0; schema.$ref && i < 10; i++) schema = doc.components.schemas[String(schema.$ref).split("/").pop()!] ?? {};
  if (schema.allOf) {
    const parts = (schema.allOf as Json[]).map((p) => resolve(doc, p));
    return parts.reduce((acc, p) => ({ ...acc, ...p, properties: { ...acc.properties, ...p.properties } }), {});
  }
  return schema;
}

function integers(s: Json, ctx: FuzzContext, name: string): fc.Arbitrary<number> {
  const min = s.minimum === undefined ? -(2 ** 31) : s.exclusiveMinimum ? s.minimum + 1 : s.minimum;
  const max = s.maximum === undefined ? MAX_INT4 : s.exclusiveMaximum ? s.maximum - 1 : s.maximum;
  const inRange = fc.integer({ min, max });
  // an id-like field is mostly an id that exists
  if (/id$|ids$|^into$|^body$|^document$|^measure$/i.test(name) && ctx.ids.length) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ctx.ids) }, inRange);
  return inRange;
}

const dates = () => fc.date({ min: new Date("1949-01-01"), max: new Date("2100-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

/** Values the schema accepts (or nearly: a pattern other than a date's is not followed). */
function valid(s0: Json | undefined, ctx: FuzzContext, name: string, mode: Mode, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(ctx.doc, s0);
  const inner = (() => {
    if (s.enum) return fc.constantFrom(...(s.enum as unknown[]));
    switch (s.type) {
      case "integer":
        return integers(s, ctx, name);
      case "number":
        return fc.double({ noNaN: true, noDefaultInfinity: true });
      case "boolean":
        return fc.boolean();
      case "string": {
        if (s.format === "binary") return fc.uint8Array({ maxLength: 2000 });
        if (String(s.pattern ?? "").includes("\\d{4}-\\d\\d-\\d\\d")) return dates();
        if (s.format === "uri") return fc.webUrl();
        const maxLength = Math.min(s.maxLength ?? 40, 40);
        const minLength = Math.min(s.minLength ?? 0, maxLength);
        // mostly words the stored documents hold (so that searches and filters find something), else any Unicode
        const words = fc.string({ minLength, maxLength, unit: fc.constantFrom("a", "Z", "5", "-", "网", "络", "基", "站", " ", "号", "〔", "〕") });
        return fc.oneof({ weight: 3, arbitrary: words }, fc.string({ minLength, maxLength, unit: "grapheme" }), fc.string({ minLength, maxLength, unit: "binary" }));
      }
      case "array":
        return fc.array(field(s.items, ctx, name, mode === "wild" ? "wild" : "valid", depth + 1), { maxLength: Math.min(s.maxItems ?? 4, 4) });
      default: {
        if (depth > 4 || !s.properties) return fc.constant({});
        return fields(s, ctx, mode, depth + 1);
      }
    }
  })();
  return s.nullable ? fc.oneof(inner, fc.constant(null)) : inner;
}

/** Values at and just past the schema's bounds. */
function boundary(s0: Json | undefined, ctx: FuzzContext): fc.Arbitrary<unknown> {
  const s = resolve(ctx.doc, s0);
  const out: unknown[] = [];
  if (s.type === "integer" || s.type === "number") {
    for (const b of [s.minimum, s.maximum]) if (b !== undefined) out.push(b, b - 1, b + 1);
    out.push(MAX_INT4, MAX_INT4 + 1, 0);
  }
  if (s.type === "string") for (const n of [s.minLength, s.maxLength]) if (n !== undefined) out.push("字".repeat(n), "字".repeat(n + 1), "a".repeat(Math.max(0, n - 1)));
  if (s.type === "array") out.push(Array(Math.min((s.maxItems ?? 20) + 1, 300)).fill(1), []);
  return out.length ? fc.constantFrom(...out) : hostileFor(s);
}

/** A field's value that is wrong: at or past its bounds, or hostile. */
const bad = (s0: Json | undefined, ctx: FuzzContext) => fc.oneof(boundary(s0, ctx), { weight: 2, arbitrary: hostileFor(resolve(ctx.doc, s0)) });

/** A field's value in a mode: valid; (oneBad is decided a level up); wild: valid, bad or hostile at random. */
function field(s: Json | undefined, ctx: FuzzContext, name: string, mode: Mode, depth = 0): fc.Arbitrary<unknown> {
  if (mode !== "wild") return valid(s, ctx, name, "valid", depth);
  return fc.oneof({ weight: 5, arbitrary: valid(s, ctx, name, "wild", depth) }, { weight: 5, arbitrary: bad(s, ctx) });
}

/**
 * An object's fields; in oneBad mode all valid but one, chosen at random, which is bad (or, now and then, a
 * field the schema does not name).
 */
function fields(s: Json, ctx: FuzzContext, mode: Mode, depth = 0): fc.Arbitrary<Json> {
  const props = Object.entries((s.properties ?? {}) as Record<string, Json>);
  const required = (s.required ?? []) as string[];
  const good = fc.record(Object.fromEntries(props.map(([k, v]) => [k, field(v, ctx, k, mode, depth)])), { requiredKeys: mode === "wild" ? [] : required });
  if (mode !== "oneBad" || !props.length) return good as fc.Arbitrary<Json>;
  const spoil = fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(...props).chain(([k, v]) => bad(v, ctx).map((x) => [k, x] as const)) },
    fc.tuple(fc.constantFrom("extra", "__proto__", "id"), hostileFor({})),
  );
  return fc.tuple(good, spoil).map(([obj, [k, x]]) => ({ ...(obj as Json), [k]: x }));
}

const asText = (v: unknown) => (typeof v === "string" ? v : (JSON.stringify(v) ?? ""));
/** a URL cannot carry a lone surrogate (a client sends U+FFFD), but can carry broken percent-escapes, sent as they are */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const RAW_ESCAPES = ["%00", "%", "%zz", "%E0%A4%A", "%FF%FE", "%C0%AF", "%ED%A0%80"];
const encodePart = (v: string) => (RAW_ESCAPES.includes(v) ? v : encodeURIComponent(v.replace(LONE_SURROGATE, "\uFFFD")));

/** Bodies no schema describes: broken JSON, deep nesting, the wrong media type. */
const rawBodies = fc.constantFrom<[string, string]>(
  ["application/json", "{"],
  ["application/json", "[".repeat(5000)],
  ["application/json", '{"text": "\\ud800"}'],
  ["application/json", '{"a":1,"a":2}'],
  ["application/json", "\u0000"],
  ["text/plain", "text=hello"],
  ["application/x-www-form-urlencoded", "text=%00&role=admin"],
  ["multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc\r\n'],
);

type Body = { contentType?: string; body?: string | FormData };

function jsonBody(schema: Json, ctx: FuzzContext, mode: Mode): fc.Arbitrary<Body> {
  const made = (mode === "oneBad" && resolve(ctx.doc, schema).properties ? fields(resolve(ctx.doc, schema), ctx, mode) : field(schema, ctx, "", mode)).map(
    (v): Body => ({ contentType: "application/json", body: JSON.stringify(v) ?? "null" }),
  );
  if (mode === "valid") return made;
  return fc.oneof({ weight: 8, arbitrary: made }, rawBodies.map(([contentType, body]): Body => ({ contentType, body })), fc.constant<Body>({}));
}

function formBody(schema: Json, ctx: FuzzContext, mode: Mode): fc.Arbitrary<Body> {
  const s = resolve(ctx.doc, schema);
  const names = mode === "valid" ? ["a.txt", "b.html", "c.docx", "d.pdf"] : ["a.txt", "e.exe", "", "..\\..\\x.txt", "名\u0000.txt", "d.pdf"];
  const made = fc.tuple(fields(s, ctx, mode), fc.constantFrom(...names)).map(([vals, fileName]): Body => {
    const f = new FormData();
    for (const [k, v] of Object.entries(vals)) {
      if (v == null) continue;
      if (v instanceof Uint8Array) f.append(k, new File([Buffer.from(v)], fileName));
      else f.append(k, asText(v));
    }
    return { body: f };
  });
  if (mode === "valid") return made;
  return fc.oneof({ weight: 8, arbitrary: made }, rawBodies.map(([contentType, body]): Body => ({ contentType, body })), fc.constant<Body>({}));
}

function requestMade(ctx: FuzzContext, method: string, path: string, op: Json, mode: Mode): fc.Arbitrary<FuzzRequest> {
  const params = (op.parameters ?? []) as Json[];
  const inPath = params.filter((p) => p.in === "path");
  const inQuery = params.filter((p) => p.in === "query");
  const inHeader = params.filter((p) => p.in === "header");
  const content = (op.requestBody?.content ?? {}) as Json;
  // the parameters as an object, so that oneBad spoils one of them (a path id, a query value, a header)
  const asObject = (list: Json[]) => ({ type: "object", properties: Object.fromEntries(list.map((p) => [p.name, p.schema])), required: list.filter((p) => p.required).map((p) => p.name) });
  const pathArb = (inPath.length ? fields(asObject(inPath), ctx, mode) : fc.constant({})).map((vals) => {
    let p = path;
    for (const param of inPath) p = p.replace(`{${param.name}}`, encodePart(asText((vals as Json)[param.name] ?? "")));
    return p;
  });
  const queryArb = fc
    .tuple(fields(asObject(inQuery), ctx, mode), mode === "valid" ? fc.constant(null) : fc.option(fc.tuple(fc.constantFrom(...inQuery.map((p) => p.name), "x"), fc.constantFrom(...RAW_ESCAPES)), { freq: 4 }))
    .map(([vals, raw]) => {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(vals)) if (v !== undefined) q.append(k, asText(v).replace(LONE_SURROGATE, "\uFFFD"));
      return [q.toString(), raw ? `${raw[0]}=${raw[1]}` : ""].filter(Boolean).join("&");
    });
  const headerArb = (inHeader.length ? fields(asObject(inHeader), ctx, mode) : fc.constant({})).chain((vals) =>
    fc.tuple(...inHeader.map(() => fc.uuid())).map((uuids) => {
      const h: Record<string, string> = {};
      // a header holds Latin-1 only: a client cannot send more
      inHeader.forEach((p, i) => {
        const v = (vals as Json)[p.name];
        if (v === undefined) return;
        const text = mode === "valid" ? uuids[i]! : asText(v);
        h[p.name] = [...text].filter((ch) => ch.charCodeAt(0) > 31 && ch.charCodeAt(0) < 256).join("").slice(0, 300);
      });
      return h;
    }),
  );
  const json = content["application/json"]?.schema as Json | undefined;
  const form = content["multipart/form-data"]?.schema as Json | undefined;
  const bodyArb: fc.Arbitrary<Body> = json
    ? jsonBody(json, ctx, mode)
    : form
      ? formBody(form, ctx, mode)
      : mode === "valid"
        ? fc.constant({})
        : fc.oneof({ weight: 9, arbitrary: fc.constant<Body>({}) }, rawBodies.map(([contentType, body]): Body => ({ contentType, body })));
  return fc.record({ path: pathArb, query: queryArb, headers: headerArb, body: bodyArb }).map(({ path: p, query, headers, body }) => ({
    method: method.toUpperCase(),
    url: query ? `${p}?${query}` : p,
    headers: { ...headers, ...(body.contentType ? { "content-type": body.contentType } : {}) },
    body: method.toUpperCase() === "GET" ? undefined : body.body,
  }));
}

/** Requests to one operation: wholly valid, valid but for one field, or wild. */
export function requestOf(ctx: FuzzContext, method: string, path: string, op: Json): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    { weight: 4, arbitrary: requestMade(ctx, method, path, op, "valid") },
    { weight: 4, arbitrary: requestMade(ctx, method, path, op, "oneBad") },
    { weight: 2, arbitrary: requestMade(ctx, method, path, op, "wild") },
  );
}

/** One arbitrary over every operation of the document, each request named by its route. */
export function requestsOf(ctx: FuzzContext): fc.Arbitrary<FuzzRequest & { route: string }> {
  const ops: Array<fc.Arbitrary<FuzzRequest & { route: string }>> = [];
  for (const [path, methods] of Object.entries(ctx.doc.paths as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(methods)) {
      const route = `${method.toUpperCase()} ${path}`;
      ops.push(requestOf(ctx, method, path, op).map((r) => ({ ...r, route })));
    }
  }
  return fc.oneof(...ops);
}
