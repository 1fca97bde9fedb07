#!/usr/bin/python3
"""An agency's subscriber to Taza's public topics, with nothing of Taza but the published .avsc files.

Reads the topics it is given from the beginning, read_committed (the services write in transactions), and decodes
each value: the Avro single-object encoding is the marker C3 01, the writer schema's CRC-64-AVRO fingerprint of its
Parsing Canonical Form (8 bytes, little-endian), then the Avro binary body. The fingerprint names the schema among the
files under schemas/src/main/avro-history/ (<full name>/v<N>.avsc, each self-contained); one that no file has is
looked up on platform.schemas.v1, where every producer publishes its writer schemas before it writes with them.

Needs confluent-kafka with librdkafka 2.6.1 or newer (older librdkafka fails SCRAM-SHA-512 logins against Kafka 4
brokers: "invalid credentials") and Avro: Debian 13's python3-confluent-kafka and python3-avro. On Debian 12, whose
librdkafka is 2.0.2, docs/examples/subscriber-python runs Debian 13's packages from a root of their own
(docs/subscribing.md):

    docs/examples/subscriber-python taza_subscriber.py --config agency.properties \\
        --schemas schemas/src/main/avro-history --until-end emission.exceedances.v1 kpi.values.v1

--config is a file of librdkafka settings, one key=value per line, for example:
    bootstrap.servers=kafka.example.kz:9093
    security.protocol=SASL_SSL
    sasl.mechanism=SCRAM-SHA-512
    sasl.username=agency-stat
    sasl.password=...
    ssl.ca.location=/etc/taza/ca.crt
    group.id=agency-stat-reader

Each decoded record is printed as one JSON line: topic, partition, offset, key, the writer schema's full name and
version, and the value. With --until-end it stops once it has read every partition to the end it had when it started.
"""

import argparse
import io
import json
import os
import sys

import avro.errors
import avro.io
import avro.schema
from confluent_kafka import Consumer, KafkaException, TopicPartition

MARKER = b"\xc3\x01"
HEADER_LENGTH = 10
SCHEMA_TOPIC = "platform.schemas.v1"

# CRC-64-AVRO, as the Avro specification gives it ("Schema Fingerprints").
EMPTY = 0xC15D213AA4D7A795
TABLE = []
for i in range(256):
    fp = i
    for _ in range(8):
        fp = (fp >> 1) ^ (EMPTY & -(fp & 1))
    TABLE.append(fp)


PRIMITIVES = {"null", "boolean", "int", "long", "float", "double", "bytes", "string"}


def canonical_form(schema):
    """The schema's Parsing Canonical Form, as the fingerprint is taken of it. Python Avro 1.12's canonical_form writes
    a logical type's primitive as {"type":"long"} (the logicalType attribute stripped) where the specification's
    [PRIMITIVES] rule, and Java, write "long"; this collapses such objects, and leaves a correct form as it is."""

    def collapsed(node):
        if isinstance(node, dict):
            if list(node) == ["type"] and node["type"] in PRIMITIVES:
                return node["type"]
            return {key: collapsed(value) for key, value in node.items()}
        if isinstance(node, list):
            return [collapsed(value) for value in node]
        return node

    return json.dumps(collapsed(json.loads(schema.canonical_form)), separators=(",", ":"))


def crc64_avro(text):
    fp = EMPTY
    for byte in text.encode("utf-8"):
        fp = (fp >> 8) ^ TABLE[(fp ^ byte) & 0xFF]
    return fp


class Schemas:
    """The writer schemas by fingerprint: the published files, then what platform.schemas.v1 adds."""

    def __init__(self, directory):
        self.by_fingerprint = {}
        for type_name in sorted(os.listdir(directory)):
            folder = os.path.join(directory, type_name)
            if not os.path.isdir(folder):
                continue
            for file in sorted(os.listdir(folder)):
                if file.endswith(".avsc"):
                    with open(os.path.join(folder, file), encoding="utf-8") as f:
                        self.add(avro.schema.parse(f.read()), file[: -len(".avsc")])

    def add(self, schema, version):
        """Learns a schema; one already known (a published file's) keeps the version it was first learnt as."""
        self.by_fingerprint.setdefault(crc64_avro(canonical_form(schema)), (schema, version))

    def find(self, fingerprint):
        return self.by_fingerprint.get(fingerprint)


def decode(schemas, value):
    """The writer schema's full name and version, and the value as Python data."""
    if value is None or len(value) < HEADER_LENGTH or value[:2] != MARKER:
        raise ValueError("not Avro single-object encoded")
    fingerprint = int.from_bytes(value[2:HEADER_LENGTH], "little")
    found = schemas.find(fingerprint)
    if found is None:
        raise LookupError("unknown writer schema %016x (not in the files; look on %s)" % (fingerprint, SCHEMA_TOPIC))
    schema, version = found
    reader = avro.io.DatumReader(schema)
    datum = reader.read(avro.io.BinaryDecoder(io.BytesIO(value[HEADER_LENGTH:])))
    return schema.fullname, version, datum


def settings(path):
    config = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                key, _, value = line.partition("=")
                config[key.strip()] = value.strip()
    return config


def learn_schema_topic(consumer_config, schemas):
    """Adds every writer schema on platform.schemas.v1 (values: WriterSchema records holding the schema's JSON)."""
    consumer = Consumer(dict(consumer_config, **{"group.id": consumer_config["group.id"] + "-schemas"}))
    try:
        for record in read_to_end(consumer, [SCHEMA_TOPIC]):
            if record.value() is None:
                continue
            try:
                _, _, writer = decode(schemas, record.value())
                schemas.add(avro.schema.parse(writer["avroSchema"]), "topic")
            except (ValueError, LookupError, avro.errors.AvroException):
                pass  # a schema record this subscriber cannot read yet teaches it nothing
    finally:
        consumer.close()


def read_to_end(consumer, topics):
    """Every record of the topics' partitions up to the end offsets they had now, from the beginning."""
    ends = {}
    assignment = []
    for topic in topics:
        metadata = consumer.list_topics(topic, timeout=30).topics[topic]
        if metadata.error is not None:
            raise KafkaException(metadata.error)
        for partition in metadata.partitions:
            low, high = consumer.get_watermark_offsets(TopicPartition(topic, partition), timeout=30)
            assignment.append(TopicPartition(topic, partition, low))
            if high > low:
                ends[(topic, partition)] = high
    consumer.assign(assignment)
    while ends:
        record = consumer.poll(5.0)
        if record is None:
            # read_committed: the end may be a transaction marker; the position says where the consumer is.
            for position in consumer.position([TopicPartition(t, p) for (t, p) in list(ends)]):
                if position.offset >= ends[(position.topic, position.partition)]:
                    del ends[(position.topic, position.partition)]
            continue
        if record.error():
            raise KafkaException(record.error())
        yield record
        end = ends.get((record.topic(), record.partition()))
        if end is not None and record.offset() + 1 >= end:
            del ends[(record.topic(), record.partition())]


def printable(datum):
    if isinstance(datum, bytes):
        return datum.hex()
    if isinstance(datum, dict):
        return {k: printable(v) for k, v in datum.items()}
    if isinstance(datum, list):
        return [printable(v) for v in datum]
    if hasattr(datum, "isoformat"):
        return datum.isoformat()
    return datum


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--config", required=True, help="librdkafka settings, key=value per line")
    parser.add_argument("--schemas", required=True, help="the directory of published .avsc files (avro-history)")
    parser.add_argument("--until-end", action="store_true", help="stop at the end offsets the topics had at start")
    parser.add_argument("topics", nargs="+")
    args = parser.parse_args()

    config = settings(args.config)
    config.update({"isolation.level": "read_committed", "enable.auto.commit": "false",
                   "auto.offset.reset": "earliest"})
    schemas = Schemas(args.schemas)
    learn_schema_topic(config, schemas)
    consumer = Consumer(config)
    decoded = failed = 0
    try:
        records = read_to_end(consumer, args.topics) if args.until_end else follow(consumer, args.topics)
        for record in records:
            key = record.key().decode("utf-8") if record.key() is not None else None
            line = {"topic": record.topic(), "partition": record.partition(), "offset": record.offset(), "key": key}
            try:
                if record.value() is None:
                    line["tombstone"] = True
                else:
                    line["type"], line["version"], datum = decode(schemas, record.value())
                    line["value"] = printable(datum)
                decoded += 1
            except (ValueError, LookupError, avro.errors.AvroException) as error:
                line["error"] = str(error)
                failed += 1
            print(json.dumps(line, sort_keys=True), flush=True)
    finally:
        consumer.close()
    print(json.dumps({"decoded": decoded, "failed": failed}), flush=True)
    return 0 if failed == 0 else 1


def follow(consumer, topics):
    consumer.subscribe(topics)
    while True:
        record = consumer.poll(1.0)
        if record is None:
            continue
        if record.error():
            raise KafkaException(record.error())
        yield record


if __name__ == "__main__":
    sys.exit(main())
