{{/* Topics the Streams application reads (the catalogue entries marked read), the inputs whose lag drives KEDA. */}}
{{- define "taza-lib.inputTopics" -}}
{{- $inputs := list -}}
{{- range .Values.catalogue.topics -}}
{{- if .read -}}{{- $inputs = append $inputs .name -}}{{- end -}}
{{- end -}}
{{- toJson $inputs -}}
{{- end -}}

{{/* The largest partition count among the input topics: more instances than that would own no task at all. */}}
{{- define "taza-lib.maxInputPartitions" -}}
{{- $root := . -}}
{{- $max := 0 -}}
{{- range .Values.catalogue.topics -}}
{{- if .read -}}
{{- $p := include "taza-lib.partitions" (list $root .) | int -}}
{{- if gt $p $max -}}{{- $max = $p -}}{{- end -}}
{{- end -}}
{{- end -}}
{{- $max -}}
{{- end -}}

{{/*
KEDA ScaledObject: one Kafka lag trigger per input topic, on the Streams application's consumer group. The
template refuses a maxReplicaCount above the input topics' partition count.
*/}}
{{- define "taza-lib.scaledObject" -}}
{{- if .Values.autoscaling.keda.enabled -}}
{{- $keda := .Values.autoscaling.keda -}}
{{- $kafka := .Values.global.kafka -}}
{{- $max := include "taza-lib.maxInputPartitions" . | int -}}
{{- if gt ($keda.maxReplicaCount | int) $max -}}
{{- fail (printf "autoscaling.keda.maxReplicaCount (%d) is above the partition count of the input topics (%d): instances beyond %d would get no Kafka Streams task. Lower maxReplicaCount, or raise the partitions with topicPartitions." ($keda.maxReplicaCount | int) $max $max) -}}
{{- end -}}
{{- if gt ($keda.minReplicaCount | int) ($keda.maxReplicaCount | int) -}}
{{- fail (printf "autoscaling.keda.minReplicaCount (%d) is above autoscaling.keda.maxReplicaCount (%d)" ($keda.minReplicaCount | int) ($keda.maxReplicaCount | int)) -}}
{{- end -}}
{{- $auth := or (include "taza-lib.sasl" .) (include "taza-lib.tls" .) -}}
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: {{ include "taza-lib.fullname" . }}
  labels:
    {{- include "taza-lib.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: StatefulSet
    name: {{ include "taza-lib.fullname" . }}
  minReplicaCount: {{ $keda.minReplicaCount }}
  maxReplicaCount: {{ $keda.maxReplicaCount }}
  pollingInterval: {{ $keda.pollingInterval }}
  # Every scale step is a Streams rebalance: scale in slowly.
  cooldownPeriod: {{ $keda.cooldownPeriod }}
  triggers:
    {{- range include "taza-lib.inputTopics" . | fromJsonArray }}
    - type: kafka
      metadata:
        bootstrapServers: {{ include "taza-lib.bootstrapServers" $ | quote }}
        consumerGroup: {{ include "taza-lib.applicationName" $ | quote }}
        topic: {{ . | quote }}
        lagThreshold: {{ $keda.lagThreshold | quote }}
        # A topic the group has not committed on yet counts as lag 1 per partition, not as its whole backlog.
        offsetResetPolicy: latest
        allowIdleConsumers: "false"
        {{- if include "taza-lib.sasl" $ }}
        sasl: {{ get (dict "PLAIN" "plaintext" "SCRAM-SHA-256" "scram_sha256" "SCRAM-SHA-512" "scram_sha512" "OAUTHBEARER" "oauthbearer") $kafka.sasl.mechanism | quote }}
        {{- end }}
        {{- if include "taza-lib.tls" $ }}
        tls: enable
        {{- end }}
      {{- if $auth }}
      authenticationRef:
        name: {{ include "taza-lib.fullname" $ }}-kafka
      {{- end }}
    {{- end }}
{{- if $auth }}
---
apiVersion: keda.sh/v1alpha1
kind: TriggerAuthentication
metadata:
  name: {{ include "taza-lib.fullname" . }}-kafka
  labels:
    {{- include "taza-lib.labels" . | nindent 4 }}
spec:
  secretTargetRef:
    {{- if include "taza-lib.sasl" . }}
    - parameter: username
      name: {{ required "autoscaling.keda.credentialsSecret.name is required with SASL: a Secret with the Kafka user name and password for KEDA's lag checks" $keda.credentialsSecret.name }}
      key: {{ $keda.credentialsSecret.usernameKey }}
    - parameter: password
      name: {{ $keda.credentialsSecret.name }}
      key: {{ $keda.credentialsSecret.passwordKey }}
    {{- end }}
    {{- if and (include "taza-lib.tls" .) $kafka.tls.trustStore.secretName }}
    - parameter: ca
      name: {{ $kafka.tls.trustStore.secretName }}
      key: {{ $kafka.tls.trustStore.caCertKey }}
    {{- end }}
{{- end }}
{{- end -}}
{{- end -}}

{{/* An optional CPU HorizontalPodAutoscaler, for services whose load is CPU rather than lag. */}}
{{- define "taza-lib.hpa" -}}
{{- if .Values.autoscaling.hpa.enabled -}}
{{- if .Values.autoscaling.keda.enabled -}}
{{- fail "autoscaling.hpa.enabled and autoscaling.keda.enabled are both true: KEDA creates its own HorizontalPodAutoscaler; enable one of them" -}}
{{- end -}}
{{- $max := include "taza-lib.maxInputPartitions" . | int -}}
{{- if gt (.Values.autoscaling.hpa.maxReplicas | int) $max -}}
{{- fail (printf "autoscaling.hpa.maxReplicas (%d) is above the partition count of the input topics (%d): instances beyond %d would get no Kafka Streams task" (.Values.autoscaling.hpa.maxReplicas | int) $max $max) -}}
{{- end -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "taza-lib.fullname" . }}
  labels:
    {{- include "taza-lib.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: StatefulSet
    name: {{ include "taza-lib.fullname" . }}
  minReplicas: {{ .Values.autoscaling.hpa.minReplicas }}
  maxReplicas: {{ .Values.autoscaling.hpa.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .Values.autoscaling.hpa.targetCPUUtilizationPercentage }}
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 300
{{- end -}}
{{- end -}}
