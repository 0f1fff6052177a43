/**
 * Turns Stripe's own definitions into JSON Schemas for the contract test (stripe-contract.test.ts).
 *
 * Source: the TypeScript declarations inside the installed `stripe` package. Stripe generates them
 * from its OpenAPI spec (node_modules/stripe/OPENAPI_VERSION) for exactly the API version the SDK
 * pins, so they are Stripe's published definitions at the version this project runs — the spec
 * itself is not shipped in any npm package at that version, and nothing else is reachable offline.
 * A property without `?` is one Stripe always returns (null when empty); `| null` is nullable;
 * literal unions are enums (open enums end in `OtherString`, i.e. any string).
 *
 * Which SDK method is which HTTP request comes from the SDK's own code (`_makeRequest('POST',
 * '/v1/…')` in esm/resources/*.js), so no path is typed by hand here.
 *
 *   npx tsx test/support/stripe-schemas/generate.ts     # rewrites schemas.json
 *
 * The output is committed; a test regenerates it and fails when it differs (e.g. after a `stripe`
 * upgrade), so the checks always follow the installed SDK.
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export const SCHEMAS_FILE = fileURLToPath(new URL("./schemas.json", import.meta.url));

/** Stripe's resources the fake serves, and the SDK methods of each it answers. */
const RESOURCES: { file: string; methods: string[] }[] = [
  { file: "PaymentIntents", methods: ["create", "retrieve", "update", "list", "cancel"] },
  { file: "Charges", methods: ["retrieve", "list"] },
  { file: "Refunds", methods: ["create", "retrieve", "list"] },
  { file: "Disputes", methods: ["retrieve", "list"] },
  { file: "Checkout/Sessions", methods: ["create", "retrieve", "list", "expire"] },
  { file: "Events", methods: ["retrieve", "list"] },
];

/**
 * Objects (by their `object` value) whose full definition is checked. Any other Stripe object
 * reachable from these (Customer, BalanceTransaction, …) becomes a schema that refuses everything:
 * the fake only ever names them by id, and if it starts returning one, this list must grow.
 */
const MODELLED_OBJECTS = new Set(["payment_intent", "charge", "refund", "dispute", "checkout.session", "event"]);

/** The definition that stands for Stripe.Event (any modelled typed event). */
const EVENT_KEY = "Events:Event";

/** Fields stripe-node adds to a raw error on the client side; Stripe's API never sends them. */
const SDK_ONLY_ERROR_FIELDS = new Set(["headers", "statusCode", "requestId", "detail", "exception"]);

export type Schema = Record<string, unknown> | boolean;

export interface Endpoint {
  method: "GET" | "POST" | "DELETE";
  /** e.g. /v1/payment_intents/{id}/cancel */
  path: string;
  /** e.g. paymentIntents.cancel, for messages. */
  sdk: string;
  params: Schema;
  /** The object answered, or each item of the list answered when `list`. */
  response: Schema;
  list: boolean;
}

export interface StripeSchemas {
  $comment: string;
  stripe: { package: string; apiVersion: string; openapi: string };
  endpoints: Endpoint[];
  /** By `object` value, plus "error" (the body of any 4xx/5xx). */
  objects: Record<string, Schema>;
  /** By event type: the typed event (its data.object is the right object). */
  events: Record<string, Schema>;
  definitions: Record<string, Schema>;
}

export function stripeDir(): string {
  const require = createRequire(import.meta.url);
  return path.resolve(path.dirname(require.resolve("stripe")), ".."); // …/stripe/cjs/stripe.cjs.node.js
}

export function generateStripeSchemas(): StripeSchemas {
  const root = stripeDir();
  const esm = path.join(root, "esm");
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
  const apiVersion = /ApiVersion = '([^']+)'/.exec(fs.readFileSync(path.join(esm, "apiVersion.js"), "utf8"))![1]!;
  const openapi = fs.readFileSync(path.join(root, "OPENAPI_VERSION"), "utf8").trim();

  const resourceFile = (f: string) => path.join(esm, "resources", `${f}.d.ts`);
  const program = ts.createProgram({
    rootNames: [...RESOURCES.map((r) => resourceFile(r.file)), path.join(esm, "Types.d.ts"), path.join(esm, "lib.d.ts")],
    options: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true, // strictNullChecks: without it `| null` disappears
      skipLibCheck: true,
      noEmit: true,
      types: [],
    },
  });
  const checker = program.getTypeChecker();
  const definitions: Record<string, Schema> = {};
  const keyOf = new Map<ts.Symbol, string>();

  const sourceOf = (file: string) => {
    const sf = program.getSourceFile(file);
    if (!sf) throw new Error(`stripe-schemas: cannot read ${file}`);
    return sf;
  };
  const exported = (sf: ts.SourceFile) => checker.getExportsOfModule(checker.getSymbolAtLocation(sf)!);
  const eventUnion = exported(sourceOf(resourceFile("Events"))).find((s) => s.name === "Event" && s.flags & ts.SymbolFlags.TypeAlias);
  if (!eventUnion) throw new Error("stripe-schemas: no Event type in Events.d.ts");
  const eventUnionType = checker.getDeclaredTypeOfSymbol(eventUnion); // unions are interned: identity works
  const isEventUnion = (t: ts.Type) => t === eventUnionType;

  /** A readable, unique definition name: "<file under esm, dots for slashes>:<qualified name>". */
  function definitionKey(symbol: ts.Symbol): string {
    const decl = symbol.declarations![0]!;
    const file = path
      .relative(esm, decl.getSourceFile().fileName)
      .replace(/^resources[\\/]/, "")
      .replace(/\.d\.ts$/, "")
      .replace(/[\\/]/g, ".");
    const qualified = checker.getFullyQualifiedName(symbol).replace(/^".*"\./, "");
    return `${file}:${qualified}`;
  }

  const isStripeDecl = (symbol: ts.Symbol | undefined) =>
    !!symbol?.declarations?.length && symbol.declarations.every((d) => d.getSourceFile().fileName.startsWith(esm));

  /** The `object` literal of a Stripe object type, if it has one (and an id). */
  function objectName(type: ts.Type): string | undefined {
    const obj = type.getProperty("object");
    if (!obj || !type.getProperty("id")) return undefined;
    const t = checker.getNonNullableType(checker.getTypeOfSymbol(obj)); // Partial<X> makes it optional
    return t.isStringLiteral() ? t.value : undefined;
  }

  function convert(type: ts.Type, where: string): Schema {
    if (isEventUnion(type)) return { $ref: `#/definitions/${EVENT_KEY}` };
    const f = type.flags;
    if (f & ts.TypeFlags.String) return { type: "string" };
    if (f & ts.TypeFlags.Number) return { type: "number" };
    if (f & ts.TypeFlags.Boolean) return { type: "boolean" };
    if (f & ts.TypeFlags.Null) return { type: "null" };
    if (f & ts.TypeFlags.StringLiteral) return { const: (type as ts.StringLiteralType).value };
    if (f & ts.TypeFlags.NumberLiteral) return { const: (type as ts.NumberLiteralType).value };
    if (f & ts.TypeFlags.BooleanLiteral) return { const: checker.typeToString(type) === "true" };
    if (f & ts.TypeFlags.Void) return false; // `deleted?: void`: never present
    if (f & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) return true; // free-form in Stripe's spec (e.g. use_stripe_sdk)
    if (f & ts.TypeFlags.Union) return convertUnion(type as ts.UnionType, where);

    const alias = type.aliasSymbol;
    if (alias?.name === "Decimal" && isStripeDecl(alias)) {
      // A decimal_string on the wire; the SDK turns it into its Decimal class.
      return { type: "string", pattern: "^-?[0-9]+(\\.[0-9]+)?$" };
    }
    if (f & ts.TypeFlags.Intersection) {
      const parts = (type as ts.IntersectionType).types;
      // OtherString = string & Record<never, never>: any string.
      if (parts.some((p) => p.flags & ts.TypeFlags.String) && parts.every((p) => p.flags & ts.TypeFlags.String || isEmptyObject(p))) {
        return { type: "string" };
      }
      return inlineObject(type, where);
    }
    if (f & ts.TypeFlags.Object) {
      if (checker.isArrayType(type)) {
        return { type: "array", items: convert(checker.getTypeArguments(type as ts.TypeReference)[0]!, `${where}[]`) };
      }
      if (checker.isTupleType(type)) throw new Error(`stripe-schemas: a tuple at ${where}`);
      if (type.getCallSignatures().length) throw new Error(`stripe-schemas: a function at ${where}`);
      const named = namedSymbol(type);
      if (named) return { $ref: `#/definitions/${define(named, type, where)}` };
      const name = objectName(type); // e.g. previous_attributes: Partial<Customer>
      if (name !== undefined && !MODELLED_OBJECTS.has(name)) return unmodelled(name);
      return inlineObject(type, where);
    }
    throw new Error(`stripe-schemas: cannot convert ${checker.typeToString(type)} (flags ${f}) at ${where}`);
  }

  function isEmptyObject(t: ts.Type): boolean {
    return !!(t.flags & ts.TypeFlags.Object) && checker.getPropertiesOfType(t).length === 0 && !checker.getIndexInfosOfType(t).length;
  }

  /** Interfaces and non-generic aliases get a definition; generic instances (ApiList<X>, Partial<X>) are inlined. */
  function namedSymbol(type: ts.Type): ts.Symbol | undefined {
    if (type.aliasSymbol) return type.aliasTypeArguments?.length ? undefined : isStripeDecl(type.aliasSymbol) ? type.aliasSymbol : undefined;
    const sym = type.getSymbol();
    if (!sym || !(sym.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class))) return undefined;
    if ((type as ts.TypeReference).typeArguments?.length) return undefined;
    return isStripeDecl(sym) ? sym : undefined;
  }

  function define(symbol: ts.Symbol, type: ts.Type, where: string): string {
    const known = keyOf.get(symbol);
    if (known) return known;
    const key = definitionKey(symbol);
    if (key in definitions) throw new Error(`stripe-schemas: two definitions named ${key}`);
    keyOf.set(symbol, key);
    definitions[key] = true; // placeholder: recursion ends here
    const name = objectName(type);
    definitions[key] = name !== undefined && !MODELLED_OBJECTS.has(name) ? unmodelled(name) : inlineObject(type, key);
    return key;
  }

  function unmodelled(name: string): Schema {
    return { $comment: `Stripe's ${name} object, not modelled: the fake returns it only as an id.`, not: {} };
  }

  function inlineObject(type: ts.Type, where: string, skip = new Set<string>()): Schema {
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const prop of checker.getPropertiesOfType(type)) {
      if (skip.has(prop.name)) continue;
      const optional = !!(prop.flags & ts.SymbolFlags.Optional);
      properties[prop.name] = convert(checker.getTypeOfSymbol(prop), `${where}.${prop.name}`);
      if (!optional) required.push(prop.name);
    }
    const index = checker.getIndexInfosOfType(type).find((i) => i.keyType.flags & ts.TypeFlags.String);
    const out: Record<string, unknown> = { type: "object", properties };
    if (required.length) out.required = required;
    out.additionalProperties = index ? convert(index.type, `${where}[string]`) : false;
    return out;
  }

  function convertUnion(type: ts.UnionType, where: string): Schema {
    let members = type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined));
    const schemas: Schema[] = [];
    const hasTrue = members.some((t) => t.flags & ts.TypeFlags.BooleanLiteral && checker.typeToString(t) === "true");
    const hasFalse = members.some((t) => t.flags & ts.TypeFlags.BooleanLiteral && checker.typeToString(t) === "false");
    if (hasTrue && hasFalse) {
      members = members.filter((t) => !(t.flags & ts.TypeFlags.BooleanLiteral));
      schemas.push({ type: "boolean" });
    }
    // `'a' | 'b' | OtherString` is an open enum: Stripe may add values later, but a fake must only
    // use the ones listed, so the list is what gets checked. A plain `string` member takes any.
    const isOther = (t: ts.Type) => !!(t.flags & ts.TypeFlags.Intersection) && (t as ts.IntersectionType).types.some((p) => p.flags & ts.TypeFlags.String);
    const anyString = members.some((t) => t.flags & ts.TypeFlags.String);
    const literals: string[] = [];
    let open = false;
    for (const m of members) {
      if (m.flags & ts.TypeFlags.StringLiteral) {
        if (!anyString) literals.push((m as ts.StringLiteralType).value);
        continue;
      }
      if (isOther(m)) {
        open = true;
        continue;
      }
      schemas.push(convert(m, where));
    }
    if (literals.length) schemas.push(literals.length === 1 ? { const: literals[0] } : { enum: literals });
    else if (open && !anyString) schemas.push({ type: "string" });
    const unique = dedupe(schemas);
    return unique.length === 1 ? unique[0]! : { anyOf: unique };
  }

  // Typed events (PaymentIntentSucceededEvent, …) whose data.object is one of the modelled objects.
  const events: Record<string, Schema> = {};
  for (const sym of exported(sourceOf(resourceFile("Events")))) {
    if (!(sym.flags & ts.SymbolFlags.Interface) || !sym.name.endsWith("Event") || sym.name === "EventBase") continue;
    const t = checker.getDeclaredTypeOfSymbol(sym);
    const typeProp = t.getProperty("type");
    const literal = typeProp && checker.getTypeOfSymbol(typeProp);
    const data = t.getProperty("data");
    const object = data && checker.getTypeOfSymbol(data).getProperty("object");
    const name = object && objectName(checker.getTypeOfSymbol(object));
    if (!literal?.isStringLiteral() || !name || !MODELLED_OBJECTS.has(name)) continue;
    events[literal.value] = convert(t, sym.name);
  }
  // Stripe.Event is the union of all ~250 typed events: only the modelled ones are accepted.
  definitions[EVENT_KEY] = { anyOf: Object.values(events) };

  const objects: Record<string, Schema> = {};
  // Stripe's list envelope (lib.d.ts ApiList<T>); its items are checked one by one against the endpoint's item.
  const apiList = exported(sourceOf(path.join(esm, "lib.d.ts"))).find((s) => s.name === "ApiList")!;
  const listShape = inlineObject(checker.getDeclaredTypeOfSymbol(apiList), "ApiList", new Set(["data"])) as Record<string, any>;
  objects.list = { ...listShape, properties: { ...listShape.properties, data: { type: "array" } }, required: ["data", ...listShape.required] };

  // The error body: { error: StripeRawError } without the SDK's client-side fields. Stripe's spec
  // (api_errors) requires `type`, which the SDK's type leaves optional because it also parses OAuth errors.
  const rawError = exported(sourceOf(path.join(esm, "Types.d.ts"))).find((s) => s.name === "StripeRawError")!;
  const errorShape = inlineObject(checker.getDeclaredTypeOfSymbol(rawError), "StripeRawError", SDK_ONLY_ERROR_FIELDS) as Record<string, any>;
  errorShape.required = ["type"];
  objects.error = { type: "object", properties: { error: errorShape }, required: ["error"], additionalProperties: false };

  // Endpoints: HTTP method and path from the SDK's JS, parameter and result types from its .d.ts.
  const endpoints: Endpoint[] = [];
  for (const { file, methods } of RESOURCES) {
    const js = fs.readFileSync(path.join(esm, "resources", `${file}.js`), "utf8");
    const requests = new Map<string, { method: Endpoint["method"]; path: string }>();
    for (const m of js.matchAll(/^ {4}(\w+)\((?:id, )?params, options\) \{\s*return this\._makeRequest\('(GET|POST|DELETE)', (?:'([^']+)'|`([^`]+)`)/gm)) {
      requests.set(m[1]!, { method: m[2] as Endpoint["method"], path: (m[3] ?? m[4]!).replace(/\$\{encodeURIComponent\((\w+)\)\}/g, "{$1}") });
    }
    const sf = sourceOf(resourceFile(file));
    const cls = exported(sf).find((s) => s.flags & ts.SymbolFlags.Class && s.name.endsWith("Resource"));
    if (!cls) throw new Error(`stripe-schemas: no resource class in ${file}.d.ts`);
    const instance = checker.getDeclaredTypeOfSymbol(cls);
    const sdkName = file.split("/").map((p) => p[0]!.toLowerCase() + p.slice(1)).join("."); // Checkout/Sessions → checkout.sessions
    for (const name of methods) {
      const request = requests.get(name);
      const member = instance.getProperty(name);
      if (!request || !member) throw new Error(`stripe-schemas: ${file} has no method ${name}`);
      const sig = checker.getTypeOfSymbol(member).getCallSignatures()[0]!;
      const paramsSym = sig.getParameters().find((p) => p.name === "params");
      if (!paramsSym) throw new Error(`stripe-schemas: ${file}.${name} takes no params`);
      const params = convert(checker.getNonNullableType(checker.getTypeOfSymbol(paramsSym)), `${file}.${name}(params)`);
      endpoints.push({ ...request, sdk: `${sdkName}.${name}`, params, ...responseSchema(sig, `${file}.${name}()`) });
    }
  }

  /**
   * Promise<Response<T>> → T; ApiListPromise<T> → T with `list` (each item is checked). Read from the declared type
   * (Response<Event> would spread its `lastResponse` over the union of every event).
   */
  function responseSchema(sig: ts.Signature, where: string): { response: Schema; list: boolean } {
    const node = (sig.getDeclaration() as ts.MethodDeclaration).type;
    const arg = (n: ts.TypeNode | undefined, name: string) =>
      n && ts.isTypeReferenceNode(n) && n.typeName.getText() === name ? n.typeArguments?.[0] : undefined;
    const listed = arg(node, "ApiListPromise");
    const single = arg(arg(node, "Promise"), "Response");
    const itemNode = listed ?? single;
    if (!itemNode) throw new Error(`stripe-schemas: unexpected return type ${node?.getText()} at ${where}`);
    const item = checker.getTypeFromTypeNode(itemNode);
    const schema = convert(item, where);
    const name = objectName(item) ?? (isEventUnion(item) ? "event" : undefined);
    if (name) objects[name] ??= schema;
    return { response: schema, list: !!listed };
  }

  return {
    $comment: "Generated by test/support/stripe-schemas/generate.ts from the installed stripe package; do not edit.",
    stripe: { package: pkg.version, apiVersion, openapi },
    endpoints,
    objects,
    events: Object.fromEntries(Object.entries(events).sort(([a], [b]) => a.localeCompare(b))),
    definitions: Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b))),
  };
}

function dedupe(schemas: Schema[]): Schema[] {
  const seen = new Set<string>();
  return schemas.filter((s) => {
    const k = JSON.stringify(s);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The committed file's text for a generated document (stable, one property per line). */
export function serialize(doc: StripeSchemas): string {
  return JSON.stringify(doc, null, 1) + "\n";
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  const doc = generateStripeSchemas();
  fs.writeFileSync(SCHEMAS_FILE, serialize(doc));
  const size = fs.statSync(SCHEMAS_FILE).size;
  console.log(
    `wrote ${path.relative(process.cwd(), SCHEMAS_FILE)}: ${doc.endpoints.length} endpoints, ${Object.keys(doc.events).length} events, ` +
      `${Object.keys(doc.definitions).length} definitions, ${(size / 1024).toFixed(0)} KiB in ${Date.now() - t0} ms`,
  );
}
