{{/* Checks that values.schema.json cannot express, with a message that says what to change. */}}
{{- define "taza-lib.validate" -}}
{{- $names := list -}}
{{- range .Values.catalogue.topics -}}{{- $names = append $names .name -}}{{- end -}}
{{- range $name, $count := .Values.topicPartitions | default dict -}}
{{- if not (has $name $names) -}}
{{- fail (printf "topicPartitions names %s, which is not a topic of this service (its topics: %s)" $name (join ", " $names)) -}}
{{- end -}}
{{- end -}}
{{- include "taza-lib.validateMemory" . -}}
{{- if and .Values.serviceMonitor.enabled .Values.networkPolicy.enabled (not .Values.networkPolicy.managementFrom) -}}
{{- fail "serviceMonitor.enabled with networkPolicy.enabled: set networkPolicy.managementFrom to the Prometheus peers (for example a namespaceSelector of the monitoring namespace), or the NetworkPolicy keeps them from the management port" -}}
{{- end -}}
{{- if eq (int .Values.service.managementPort) (int .Values.service.port) -}}
{{- fail (printf "service.managementPort (%d) is service.port: management needs a port of its own, apart from the API that the client-facing Service exposes" (int .Values.service.port)) -}}
{{- end -}}
{{- if and .Values.streams.persistence.enabled (not .Values.streams.stateDir) -}}
{{- fail "streams.stateDir must be set: the Kafka Streams state directory on the pod's volume" -}}
{{- end -}}
{{- end -}}

{{/* Everything a service chart renders, in order. A service chart's only template is: include "taza-lib.all" . */}}
{{- define "taza-lib.all" -}}
{{- include "taza-lib.validate" . -}}
{{- $docs := list
  (include "taza-lib.serviceAccount" .)
  (include "taza-lib.service" .)
  (include "taza-lib.statefulset" .)
  (include "taza-lib.pdb" .)
  (include "taza-lib.scaledObject" .)
  (include "taza-lib.hpa" .)
  (include "taza-lib.kafkaUser" .)
  (include "taza-lib.serviceMonitor" .)
  (include "taza-lib.networkPolicy" .) -}}
{{- range $docs }}
{{- if trim . }}
---
{{ trim . }}
{{- end }}
{{- end }}
{{- include "taza-lib.kafkaTopics" . }}
{{- end -}}
