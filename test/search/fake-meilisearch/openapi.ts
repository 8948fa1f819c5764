/**
 * Meilisearch's OpenAPI 3.1 description as a request validator: route matching, path/query parameters (coerced
 * from text the way Meilisearch reads them: integers, booleans, comma-separated lists) and JSON bodies, compiled with
 * Ajv's JSON Schema 2020-12 dialect (the dialect of OpenAPI 3.1). `#/components/schemas/X` references are rewritten
 * to a registered `meili#/$defs/X` schema so Ajv resolves them itself.
 *
 * The description is looser and in places wrong compared with the server, so requests are checked against an
 * adjusted copy; every adjustment is listed below with its reason. Responses are checked against the description
 * as published (plus errata), which keeps the fake's own answers honest.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';

type Schema = Record<string, unknown>;

interface ParameterSpec {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required?: boolean;
  readonly schema: Schema;
}

interface OperationSpec {
  readonly operationId: string;
  readonly parameters?: readonly ParameterSpec[];
  readonly requestBody?: { readonly required?: boolean; readonly content: Record<string, { readonly schema: Schema }> };
  readonly responses: Record<string, { readonly content?: Record<string, { readonly schema?: Schema }> }>;
  readonly security?: readonly unknown[];
}

interface OpenApiDocument {
  readonly info: { readonly version: string };
  readonly paths: Record<string, Record<string, OperationSpec>>;
  readonly components: { readonly schemas: Record<string, Schema> };
}

/** A request the description does not allow; `code` is the Meilisearch error code the server would answer with. */
export interface Issue {
  readonly location: 'path' | 'query' | 'body';
  readonly code: string;
  readonly message: string;
}

export interface Operation {
  readonly id: string;
  readonly method: string;
  readonly template: string;
  /** `/health` is the only route Meilisearch serves without a key. */
  readonly public: boolean;
  readonly hasBody: boolean;
  readonly bodyRequired: boolean;
  /** For `/indexes/{index_uid}/settings/<name>`: the setting's key (`filterableAttributes`). */
  readonly settingKey: string | undefined;
}

export type RouteMatch =
  | { readonly kind: 'operation'; readonly operation: Operation; readonly pathParams: Record<string, string> }
  | { readonly kind: 'not-found' | 'method-not-allowed' };

const REF_PREFIX = '#/components/schemas/';

/**
 * Where the description disagrees with Meilisearch and its official client, requests are checked against these.
 */
const REQUEST_ERRATA: Record<string, Schema> = {
  // Search `facets` is a list of attribute names or patterns (`["specialty", "city"]`), as documented and as the
  // client sends it; the description shows the Rust wrapper type as an object `{ patterns }`.
  AttributePatterns: { type: 'array', items: { type: 'string' } },
};

/** Where the published response schemas disagree with what Meilisearch (and the client's types) return. */
const RESPONSE_ERRATA: Record<string, (schema: Schema) => Schema> = {
  // A task not yet started or finished has `startedAt` / `finishedAt` null.
  TaskView: (schema) => withProperties(schema, { startedAt: { type: ['string', 'null'] }, finishedAt: { type: ['string', 'null'] } }),
};

/** Per-operation response schemas that replace the published ones (`operationId` → status → schema). */
const RESPONSE_OPERATION_ERRATA: Record<string, Record<string, Schema>> = {
  // Without `federation`, a multi-search answers `{ results: [...] }` (SearchResults), not one merged result.
  multi_search_with_post: { 200: { anyOf: [{ $ref: `${REF_PREFIX}FederatedSearchResult` }, { $ref: `${REF_PREFIX}SearchResults` }] } },
};

function withProperties(schema: Schema, properties: Schema): Schema {
  return { ...schema, properties: { ...(schema.properties as Schema), ...properties } };
}

const isRecord = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keywords whose values are data, not subschemas. */
const DATA_KEYWORDS = new Set(['example', 'examples', 'default', 'enum', 'const', 'required', 'type', 'description', 'format']);

/**
 * Rewrites `$ref`s for Ajv and, for requests, closes object schemas: Meilisearch rejects unknown fields in every
 * payload (`Unknown field ...`, code `bad_request`) although the description rarely says
 * `additionalProperties: false`. Members of an `allOf` stay open, since closing them would reject each other's fields.
 */
function prepare(schema: unknown, close: boolean, insideAllOf = false): unknown {
  if (Array.isArray(schema)) return schema.map((item) => prepare(item, close, insideAllOf));
  if (!isRecord(schema)) return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string') out[key] = value.startsWith(REF_PREFIX) ? `meili#/$defs/${value.slice(REF_PREFIX.length)}` : value;
    else if (DATA_KEYWORDS.has(key)) out[key] = value;
    else if (key === 'properties' && isRecord(value)) out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, prepare(sub, close)]));
    else out[key] = prepare(value, close, key === 'allOf');
  }
  const open = !('additionalProperties' in schema || 'unevaluatedProperties' in schema || 'patternProperties' in schema);
  if (close && !insideAllOf && 'properties' in schema && open) out.additionalProperties = false;
  return out;
}

function createAjv(schemas: Record<string, Schema>, close: boolean): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
  ajvFormats.default(ajv);
  ajv.addVocabulary(['example']);
  // Rust integer widths used as `format`s.
  const integer = (min: number, max: number) => ({ type: 'number' as const, validate: (n: number) => Number.isInteger(n) && n >= min && n <= max });
  ajv.addFormat('u-int8', integer(0, 255));
  ajv.addFormat('u-int32', integer(0, 2 ** 32 - 1));
  ajv.addFormat('u-int64', integer(0, Number.MAX_SAFE_INTEGER));
  ajv.addFormat('int64', integer(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER));
  ajv.addFormat('float', { type: 'number', validate: Number.isFinite });
  ajv.addFormat('double', { type: 'number', validate: Number.isFinite });
  ajv.addSchema({ $id: 'meili', $defs: Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, prepare(schema, close)])) });
  return ajv;
}

const camelCase = (kebab: string): string => kebab.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
const snakeCase = (camel: string): string => camel.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** The noun Meilisearch uses in the error codes of a route (`invalid_search_limit`, `invalid_settings_…`). */
function errorEntity(template: string): string | undefined {
  if (/\/(search|multi-search)$/.test(template)) return 'search';
  if (template.includes('/documents')) return 'document';
  if (template.includes('/settings')) return 'settings';
  if (template.startsWith('/tasks')) return 'task';
  if (template.startsWith('/swap-indexes')) return 'swap';
  if (template.endsWith('/stats')) return 'stats';
  if (template.startsWith('/indexes')) return 'index';
  return undefined;
}

interface CompiledOperation extends Operation {
  readonly spec: OperationSpec;
  readonly segments: readonly string[];
  readonly parameters: readonly ParameterSpec[];
  readonly entity: string | undefined;
}

export class MeilisearchOpenApi {
  private static readonly loaded = new Map<string, MeilisearchOpenApi>();

  readonly version: string;
  private readonly document: OpenApiDocument;
  private readonly operations: CompiledOperation[] = [];
  private readonly errorCodes: ReadonlySet<string>;
  private readonly requestAjv: Ajv2020;
  private readonly responseAjv: Ajv2020;
  private readonly validators = new Map<string, ValidateFunction>();

  /** Parsing and compiling take a while, so one instance per file serves every fake in a test worker. */
  static load(path: string): MeilisearchOpenApi {
    let api = MeilisearchOpenApi.loaded.get(path);
    if (!api) {
      api = new MeilisearchOpenApi(JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument);
      MeilisearchOpenApi.loaded.set(path, api);
    }
    return api;
  }

  private constructor(document: OpenApiDocument) {
    this.document = document;
    this.version = document.info.version;
    const schemas = document.components.schemas;
    this.errorCodes = new Set((schemas.Code?.enum as string[] | undefined) ?? []);
    this.requestAjv = createAjv({ ...schemas, ...REQUEST_ERRATA }, true);
    const responseSchemas = Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, RESPONSE_ERRATA[name]?.(schema) ?? schema]));
    this.responseAjv = createAjv(responseSchemas, false);
    for (const [template, methods] of Object.entries(document.paths)) {
      for (const [method, spec] of Object.entries(methods)) {
        const settingKey = /^\/indexes\/\{index_uid\}\/settings\/([a-z-]+)$/.exec(template)?.[1];
        this.operations.push({
          id: spec.operationId,
          method: method.toUpperCase(),
          template,
          public: Array.isArray(spec.security) && spec.security.length === 0,
          hasBody: spec.requestBody !== undefined,
          bodyRequired: spec.requestBody?.required === true,
          settingKey: settingKey === undefined ? undefined : camelCase(settingKey),
          spec,
          segments: template.split('/').slice(1),
          parameters: spec.parameters ?? [],
          entity: errorEntity(template),
        });
      }
    }
    // Literal segments win over parameters (`/documents/fetch` before `/documents/{document_id}`).
    const literals = (op: CompiledOperation) => op.segments.filter((segment) => !segment.startsWith('{')).length;
    this.operations.sort((a, b) => literals(b) - literals(a));
  }

  /** The defaults of every index setting, as `GET /indexes/{uid}/settings` shows them on a new index. */
  settingsDefaults(): Record<string, unknown> {
    const properties = this.document.components.schemas.Settings_Checked.properties as Record<string, Schema>;
    return Object.fromEntries(Object.entries(properties).map(([key, schema]) => [key, structuredClone(schema.default ?? null)]));
  }

  match(method: string, segments: readonly string[]): RouteMatch {
    let pathMatched = false;
    for (const operation of this.operations) {
      if (operation.segments.length !== segments.length) continue;
      const pathParams: Record<string, string> = {};
      const matches = operation.segments.every((segment, i) => {
        if (!segment.startsWith('{')) return segment === segments[i];
        pathParams[segment.slice(1, -1)] = segments[i];
        return segments[i] !== '';
      });
      if (!matches) continue;
      pathMatched = true;
      if (operation.method === method) return { kind: 'operation', operation, pathParams };
    }
    return { kind: pathMatched ? 'method-not-allowed' : 'not-found' };
  }

  /** Parameters as typed values; only meaningful once {@link validateRequest} found no issue. */
  coerceParameters(operation: Operation, location: 'path' | 'query', raw: Record<string, string>): Record<string, unknown> {
    const specs = this.compiled(operation).parameters.filter((p) => p.in === location);
    return Object.fromEntries(Object.entries(raw).map(([name, text]) => [name, this.coerce(text, specs.find((p) => p.name === name)?.schema)]));
  }

  validateRequest(
    operation: Operation,
    request: { readonly pathParams: Record<string, string>; readonly query: Record<string, string>; readonly body: unknown },
  ): Issue[] {
    const compiled = this.compiled(operation);
    const issues: Issue[] = [];
    for (const location of ['path', 'query'] as const) {
      const specs = compiled.parameters.filter((p) => p.in === location);
      const schema = {
        type: 'object',
        properties: Object.fromEntries(specs.map((p) => [p.name, prepare(p.schema, true)])),
        required: specs.filter((p) => p.required).map((p) => p.name),
        additionalProperties: false,
      };
      const validate = this.validator(`${operation.id}:${location}`, this.requestAjv, schema);
      const values = this.coerceParameters(operation, location, location === 'path' ? request.pathParams : request.query);
      if (!validate(values)) issues.push(this.issue(compiled, location, validate.errors ?? [], specs.map((p) => p.name)));
    }
    // Whatever media type is documented: three primitive settings routes say `text/plain`, but Meilisearch (and the
    // client) only speak JSON.
    const bodySchema = Object.values(compiled.spec.requestBody?.content ?? {})[0]?.schema;
    if (bodySchema && request.body !== undefined) {
      const validate = this.validator(`${operation.id}:body`, this.requestAjv, prepare(bodySchema, true) as Schema);
      if (!validate(request.body)) issues.push(this.issue(compiled, 'body', validate.errors ?? [], []));
    }
    return issues;
  }

  /** What is wrong with a JSON response the fake sends, against the documented schema for that status. */
  validateResponse(operation: Operation, status: number, body: unknown): string[] {
    const schema =
      RESPONSE_OPERATION_ERRATA[operation.id]?.[status] ?? this.compiled(operation).spec.responses[String(status)]?.content?.['application/json']?.schema;
    if (!schema || Object.keys(schema).length === 0) return [];
    const validate = this.validator(`${operation.id}:${status}`, this.responseAjv, prepare(schema, false) as Schema);
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
  }

  private compiled(operation: Operation): CompiledOperation {
    return operation as CompiledOperation;
  }

  private validator(key: string, ajv: Ajv2020, schema: Schema): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = ajv.compile(schema);
      this.validators.set(key, validate);
    }
    return validate;
  }

  private resolve(schema: Schema | undefined): Schema | undefined {
    const ref = schema?.$ref;
    return typeof ref === 'string' && ref.startsWith(REF_PREFIX) ? this.resolve(this.document.components.schemas[ref.slice(REF_PREFIX.length)]) : schema;
  }

  /** Query and path values arrive as text; lists are comma-separated, as the client sends them. */
  private coerce(text: string, declared: Schema | undefined): unknown {
    const schema = this.resolve(declared);
    const types = [schema?.type].flat().filter((t) => t !== 'null');
    if (types.includes('array')) return text === '' ? [] : text.split(',').map((item) => this.coerce(item, schema?.items as Schema | undefined));
    if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
    if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
    return text;
  }

  private code(operation: CompiledOperation, prefix: 'invalid' | 'missing', field: string | undefined): string {
    const name = operation.settingKey ?? field;
    if (!operation.entity || !name) return 'bad_request';
    const code = `${prefix}_${operation.entity}_${snakeCase(name)}`;
    return this.errorCodes.has(code) ? code : 'bad_request';
  }

  /** One Meilisearch-style issue from Ajv's errors: unknown fields first, then missing ones, then the deepest. */
  private issue(operation: CompiledOperation, location: Issue['location'], errors: readonly ErrorObject[], known: readonly string[]): Issue {
    const what = location === 'body' ? 'field' : 'parameter';
    const unknown = errors.find((e) => e.keyword === 'additionalProperties');
    if (unknown) {
      const name = (unknown.params as { additionalProperty: string }).additionalProperty;
      const expected = location === 'body' ? '' : `: expected one of ${known.map((k) => `\`${k}\``).join(', ')}`;
      return { location, code: 'bad_request', message: `Unknown ${what} \`${name}\`${pointer(unknown.instancePath)}${expected}` };
    }
    const missing = errors.find((e) => e.keyword === 'required');
    if (missing) {
      const name = (missing.params as { missingProperty: string }).missingProperty;
      return { location, code: this.code(operation, 'missing', name), message: `Missing ${what} \`${name}\`${pointer(missing.instancePath)}` };
    }
    const deepest = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length || Number(a.keyword === 'oneOf') - Number(b.keyword === 'oneOf'))[0];
    // Within a multi-search, each query's fields carry the search codes.
    const field = deepest?.instancePath.replace(/^\/queries\/\d+/, '').split('/')[1];
    const details = errors.map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`).join('; ');
    return { location, code: this.code(operation, 'invalid', field), message: `Invalid ${what} value${pointer(deepest?.instancePath ?? '')}: ${details}` };
  }
}

/** `/queries/0/limit` as Meilisearch writes it: ` at `.queries[0].limit``. */
function pointer(instancePath: string): string {
  if (instancePath === '') return '';
  const path = instancePath
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('');
  return ` at \`${path}\``;
}
