// Decodes Avro single-object encoded records the way an agency's Node client would: with avsc and the .avsc file its
// message names, nothing else (no Taza code, no registry). The manifest lists, per record: the schema file, the
// encoded bytes and the expected value as JSON. For each: check the C3 01 marker, compute the schema's CRC-64-AVRO
// fingerprint (Avro specification, "Schema Fingerprints") of its Parsing Canonical Form and compare it with the
// 8 bytes after the marker (little-endian), decode the body, compare with the expected value.
// Usage: node decode-samples.mjs <manifest.json>
import avro from 'avsc';
import { readFileSync } from 'node:fs';
import { deepStrictEqual } from 'node:assert';

const EMPTY = 0xc15d213aa4d7a795n;
const TABLE = Array.from({ length: 256 }, (_, i) => {
  let fp = BigInt(i);
  for (let j = 0; j < 8; j++) fp = (fp >> 1n) ^ (EMPTY & -(fp & 1n));
  return fp;
});
function crc64Avro(text) {
  let fp = EMPTY;
  for (const byte of Buffer.from(text, 'utf8')) fp = (fp >> 8n) ^ TABLE[Number((fp ^ BigInt(byte)) & 0xffn)];
  return fp;
}

const manifest = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let failed = 0;
for (const sample of manifest) {
  try {
    // A fresh type per file, with no registry shared between files: each file must stand alone.
    const type = avro.Type.forSchema(JSON.parse(readFileSync(sample.schemaFile, 'utf8')));
    const bytes = readFileSync(sample.encodedFile);
    if (bytes[0] !== 0xc3 || bytes[1] !== 0x01) throw new Error('no single-object marker C3 01');
    const written = bytes.readBigUInt64LE(2);
    const fingerprint = crc64Avro(JSON.stringify(type.schema()));
    if (written !== fingerprint) {
      throw new Error(`fingerprint ${written.toString(16)} in the record, ${fingerprint.toString(16)} of the file`);
    }
    const value = type.fromBuffer(bytes.subarray(10));
    deepStrictEqual(JSON.parse(JSON.stringify(value)), JSON.parse(readFileSync(sample.expectedFile, 'utf8')));
    console.log(`ok ${sample.message} (${sample.topic})`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${sample.message} (${sample.topic}): ${e.message}`);
  }
}
console.log(`${manifest.length - failed} decoded, ${failed} failed`);
process.exit(failed === 0 && manifest.length > 0 ? 0 : 1);
