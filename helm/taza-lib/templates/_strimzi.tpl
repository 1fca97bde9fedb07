{{/*
Strimzi resources. KafkaTopic: one per topic this service owns (partitions, retention and cleanup policy as in the
topic catalogue); topics owned by other services are declared by their own charts. KafkaUser: least privilege,
the ACLs of the service's principal in the access model (kz.taza.contracts.access.TazaPrincipals, which the tests'
brokers get too; the chart tests compare the two): from the catalogue entries (read / write, themselves the model's
grants) and the application name (group, internal topics, transactions).
API version kafka.strimzi.io/v1, the only one Strimzi 1.0 serves (v1beta2 is refused): an ACL rule lists its
"operations" (v1 has no singular "operation") and names its resource type.
*/}}
{{- define "taza-lib.strimziLabels" -}}
strimzi.io/cluster: {{ required "global.kafka.strimzi.clusterName is required with Strimzi resources: the name of the Strimzi Kafka cluster" .Values.global.kafka.strimzi.clusterName | quote }}
{{- end -}}

{{/* One KafkaTopic. Call with (list $ $topic). */}}
{{- define "taza-lib.kafkaTopic" -}}
{{- $root := index . 0 -}}
{{- $topic := index . 1 -}}
apiVersion: kafka.strimzi.io/v1
kind: KafkaTopic
metadata:
  name: {{ include "taza-lib.topicResourceName" $topic.name }}
  labels:
    {{- include "taza-lib.labels" $root | nindent 4 }}
    {{- include "taza-lib.strimziLabels" $root | nindent 4 }}
spec:
  topicName: {{ $topic.name | quote }}
  partitions: {{ include "taza-lib.partitions" (list $root $topic) }}
  replicas: {{ $root.Values.global.kafka.replicationFactor }}
  config:
    cleanup.policy: {{ $topic.cleanupPolicy | quote }}
    {{- if $topic.retentionMs }}
    retention.ms: {{ $topic.retentionMs | int64 | quote }}
    {{- end }}
{{- end -}}

{{- define "taza-lib.kafkaTopics" -}}
{{- if .Values.strimzi.topics.enabled -}}
{{- $root := . -}}
{{- range .Values.catalogue.topics -}}
{{- if .owned }}
---
{{ include "taza-lib.kafkaTopic" (list $root .) }}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "taza-lib.kafkaUser" -}}
{{- if .Values.strimzi.user.enabled -}}
{{- $app := include "taza-lib.applicationName" . -}}
apiVersion: kafka.strimzi.io/v1
kind: KafkaUser
metadata:
  name: {{ include "taza-lib.kafkaUserName" . }}
  labels:
    {{- include "taza-lib.labels" . | nindent 4 }}
    {{- include "taza-lib.strimziLabels" . | nindent 4 }}
spec:
  authentication:
    type: {{ .Values.strimzi.user.authentication }}
  authorization:
    type: simple
    acls:
      {{- range .Values.catalogue.topics }}
      # {{ .name }}: {{ if .read }}read{{ end }}{{ if and .read .write }} and {{ end }}{{ if .write }}write{{ end }}{{ if not (or .read .write) }}declared only{{ end }}
      - resource:
          type: topic
          name: {{ .name | quote }}
          patternType: literal
        operations:
          # Describe, DescribeConfigs and Create: the platform declares every catalogue topic at start-up (a no-op
          # when it exists).
          - Describe
          - DescribeConfigs
          - Create
          {{- if .read }}
          - Read
          {{- end }}
          {{- if .write }}
          - Write
          {{- end }}
      {{- end }}
      # The Streams application's internal topics (changelogs, repartition topics): created, written, read and purged.
      - resource:
          type: topic
          name: {{ printf "%s-" $app | quote }}
          patternType: prefix
        operations:
          - Create
          - Describe
          - DescribeConfigs
          - Read
          - Write
          - Delete
      # The consumer group of the Streams application and of the service's listeners.
      - resource:
          type: group
          name: {{ $app | quote }}
          patternType: prefix
        operations:
          - Read
          - Describe
      # exactly_once_v2: the Streams producers' transactional ids start with the application id.
      - resource:
          type: transactionalId
          name: {{ $app | quote }}
          patternType: prefix
        operations:
          - Write
          - Describe
{{- end -}}
{{- end -}}
