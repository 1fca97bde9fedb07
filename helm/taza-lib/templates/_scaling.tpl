{{/*
The topics the Streams application's consumer group reads, whose lag drives KEDA: catalogue.streams.inputs (the
topics its stream tasks subscribe to) and its repartition topics, which on the cluster carry the application id as
prefix. Both lists come from the service's topology (the chart tests compare them). GlobalKTable topics are not among
them: the global consumer has no group, so there is no committed offset and no lag to measure.
*/}}
{{- define "taza-lib.lagTopics" -}}
{{- $app := include "taza-lib.applicationName" . -}}
{{- $topics := list -}}
{{- range .Values.catalogue.streams.inputs -}}{{- $topics = append $topics . -}}{{- end -}}
{{- range .Values.catalogue.streams.repartitionTopics -}}{{- $topics = append $topics (printf "%s-%s" $app .) -}}{{- end -}}
{{- toJson $topics -}}
{{- end -}}

{{/*
The largest partition count among the Streams inputs: more instances than that would own no task at all (a
repartition topic has as many partitions as the inputs it comes from).
*/}}
{{- define "taza-lib.maxInputPartitions" -}}
{{- $root := . -}}
{{- $max := 0 -}}
{{- range $input := .Values.catalogue.streams.inputs -}}
{{- $entry := dict -}}
{{- range $root.Values.catalogue.topics -}}{{- if eq .name $input -}}{{- $entry = . -}}{{- end -}}{{- end -}}
{{- if not $entry -}}
{{- fail (printf "catalogue.streams.inputs names %s, which is not in catalogue.topics" $input) -}}
{{- end -}}
{{- $p := include "taza-lib.partitions" (list $root $entry) | int -}}
{{- if gt $p $max -}}{{- $max = $p -}}{{- end -}}
{{- end -}}
{{- $max -}}
{{- end -}}

{{/*
KEDA ScaledObject: one Kafka lag trigger per topic the Streams application's consumer group reads (its inputs and
its repartition topics). The template refuses a maxReplicaCount above the input topics' partition count.
TriggerAuthentication: with SASL, KEDA logs in as the service's own Kafka user: from the Secret named in
autoscaling.keda.credentialsSecret, or else from the Strimzi KafkaUser's Secret (its "password") and a ConfigMap this
chart writes with the user name (the KafkaUser's Secret has no user name key); the CA from the brokers' trust store
Secret.
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
{{- $caRef := and (include "taza-lib.tls" .) $kafka.tls.trustStore.secretName -}}
{{- $auth := or (include "taza-lib.sasl" .) $caRef -}}
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
    {{- range include "taza-lib.lagTopics" . | fromJsonArray }}
    - type: kafka
      metadata:
        bootstrapServers: {{ include "taza-lib.bootstrapServers" $ | quote }}
        consumerGroup: {{ include "taza-lib.applicationName" $ | quote }}
        topic: {{ . | quote }}
        lagThreshold: {{ $keda.lagThreshold | quote }}
        # As the Streams consumers (auto.offset.reset=earliest): a fresh group starts from the beginning, so its
        # whole backlog counts as lag and scales the service out.
        offsetResetPolicy: earliest
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
{{- $credentials := include "taza-lib.kedaCredentials" . | fromJson }}
{{- if $credentials.configMap }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ $credentials.configMap }}
  labels:
    {{- include "taza-lib.labels" . | nindent 4 }}
data:
  # The Kafka user KEDA logs in as: the service's Strimzi KafkaUser.
  username: {{ include "taza-lib.kafkaUserName" . | quote }}
{{- end }}
---
apiVersion: keda.sh/v1alpha1
kind: TriggerAuthentication
metadata:
  name: {{ include "taza-lib.fullname" . }}-kafka
  labels:
    {{- include "taza-lib.labels" . | nindent 4 }}
spec:
  {{- if $credentials.configMap }}
  configMapTargetRef:
    - parameter: username
      name: {{ $credentials.configMap }}
      key: username
  {{- end }}
  secretTargetRef:
    {{- if include "taza-lib.sasl" . }}
    {{- if not $credentials.configMap }}
    - parameter: username
      name: {{ $credentials.secret }}
      key: {{ $keda.credentialsSecret.usernameKey }}
    {{- end }}
    - parameter: password
      name: {{ $credentials.secret }}
      key: {{ $credentials.passwordKey }}
    {{- end }}
    {{- if $caRef }}
    - parameter: ca
      name: {{ $kafka.tls.trustStore.secretName }}
      key: {{ $kafka.tls.trustStore.caCertKey }}
    {{- end }}
{{- end }}
{{- end -}}
{{- end -}}

{{/*
Where KEDA's SASL credentials come from, as JSON: {"secret", "passwordKey", "configMap"}; configMap is empty when the
Secret also holds the user name. Empty without SASL.
*/}}
{{- define "taza-lib.kedaCredentials" -}}
{{- $keda := .Values.autoscaling.keda -}}
{{- if not (include "taza-lib.sasl" .) -}}
{{- dict | toJson -}}
{{- else if $keda.credentialsSecret.name -}}
{{- dict "secret" $keda.credentialsSecret.name "passwordKey" $keda.credentialsSecret.passwordKey "configMap" "" | toJson -}}
{{- else if and .Values.strimzi.user.enabled (eq .Values.strimzi.user.authentication "scram-sha-512") (eq .Values.global.kafka.sasl.mechanism "SCRAM-SHA-512") -}}
{{- dict "secret" (include "taza-lib.kafkaUserName" .) "passwordKey" "password" "configMap" (printf "%s-keda-kafka-user" (include "taza-lib.fullname" .)) | toJson -}}
{{- else -}}
{{- fail "autoscaling.keda with SASL needs Kafka credentials for KEDA's lag checks: set autoscaling.keda.credentialsSecret.name (a Secret with the keys autoscaling.keda.credentialsSecret.usernameKey and passwordKey), or strimzi.user.enabled=true with scram-sha-512 to use the KafkaUser's own Secret" -}}
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
