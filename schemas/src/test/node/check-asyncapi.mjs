// Reads an AsyncAPI document with the official parser (and its Avro schema parser, which turns each Avro payload into
// JSON Schema), then walks every payload schema. Fails on any diagnostic of the parser and on any schema node that
// says nothing about its values ("any value": what the parser makes of an Avro type it cannot resolve).
// Usage: node check-asyncapi.mjs <asyncapi.yaml>
import { Parser, fromFile } from '@asyncapi/parser';
import { AvroSchemaParser } from '@asyncapi/avro-schema-parser';

const SEVERITY = ['error', 'warning', 'info', 'hint'];

const parser = new Parser();
parser.registerSchemaParser(AvroSchemaParser());
const { document, diagnostics } = await fromFile(parser, process.argv[2]).parse();

let failures = 0;
for (const d of diagnostics) {
  failures++;
  console.log(`DIAGNOSTIC ${SEVERITY[d.severity]} ${d.code}: ${d.message} at ${d.path.join('.')}`);
}
if (!document) {
  console.log('FAIL the document did not parse');
  process.exit(1);
}

// Through the model's accessors, which look inside a payload's {schemaFormat, schema} wrapper.
function isTyped(schema) {
  return !schema.isBooleanSchema()
    && (schema.type() !== undefined || schema.enum() !== undefined || schema.const() !== undefined
      || ['oneOf', 'anyOf', 'allOf'].some(keyword => (schema[keyword]() || []).length > 0));
}

let nodes = 0;
function walk(schema, path, seen) {
  if (seen.has(schema)) return;
  seen.add(schema);
  nodes++;
  if (!isTyped(schema)) {
    failures++;
    console.log(`UNTYPED ${path}: ${JSON.stringify(schema.json())}`);
  }
  for (const [name, property] of Object.entries(schema.properties() || {})) walk(property, `${path}.${name}`, seen);
  const items = schema.items();
  if (items) (Array.isArray(items) ? items : [items]).forEach(item => walk(item, `${path}[]`, seen));
  for (const keyword of ['oneOf', 'anyOf', 'allOf']) {
    (schema[keyword]() || []).forEach((branch, i) => walk(branch, `${path}.${keyword}[${i}]`, seen));
  }
  const additional = schema.additionalProperties();
  if (additional && typeof additional === 'object') walk(additional, `${path}{}`, seen);
}

const messages = document.allMessages().all();
for (const message of messages) {
  const payload = message.payload();
  if (!payload) {
    failures++;
    console.log(`NO PAYLOAD ${message.id()}`);
    continue;
  }
  walk(payload, message.id(), new Set());
}
console.log(`asyncapi ${document.version()}: ${messages.length} messages, ${nodes} payload schema nodes, ${failures} problems`);
process.exit(failures === 0 && messages.length > 0 ? 0 : 1);
