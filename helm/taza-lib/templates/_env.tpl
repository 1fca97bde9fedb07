{{/*
The service's configuration as environment variables. Every name is a Spring property in its environment-variable
form (relaxed binding: upper case, "." and "-" become "_"); the chart tests check each one against the services'
configuration metadata.
*/}}
{{- define "taza-lib.env" -}}
{{- $kafka := .Values.global.kafka -}}
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: SPRING_APPLICATION_NAME
  value: {{ include "taza-lib.applicationName" . | quote }}
- name: SERVER_PORT
  value: {{ .Values.service.port | quote }}
# The JVM's options, the heap share of the memory limit first: the one heap setting (see _memory.tpl).
- name: JAVA_TOOL_OPTIONS
  value: {{ include "taza-lib.javaToolOptions" . | quote }}
# Kafka connection, shared by every client of the service (producers, consumers, Streams, admin).
- name: SPRING_KAFKA_BOOTSTRAP_SERVERS
  value: {{ include "taza-lib.bootstrapServers" . | quote }}
- name: SPRING_KAFKA_SECURITY_PROTOCOL
  value: {{ $kafka.securityProtocol | quote }}
{{- if include "taza-lib.sasl" . }}
- name: SPRING_KAFKA_PROPERTIES_SASL_MECHANISM
  value: {{ $kafka.sasl.mechanism | quote }}
- name: SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ include "taza-lib.saslSecretName" . }}
      key: {{ $kafka.sasl.jaasConfigSecret.key }}
{{- end }}
{{- if and (include "taza-lib.tls" .) $kafka.tls.trustStore.secretName }}
- name: SPRING_KAFKA_SSL_TRUST_STORE_LOCATION
  value: {{ printf "file:/etc/taza/kafka-truststore/%s" $kafka.tls.trustStore.key | quote }}
- name: SPRING_KAFKA_SSL_TRUST_STORE_TYPE
  value: {{ $kafka.tls.trustStore.type | quote }}
- name: SPRING_KAFKA_SSL_TRUST_STORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $kafka.tls.trustStore.secretName }}
      key: {{ $kafka.tls.trustStore.passwordKey }}
{{- end }}
- name: TAZA_KAFKA_REPLICATION_FACTOR
  value: {{ $kafka.replicationFactor | quote }}
{{- with .Values.topicPartitions }}
# Partition overrides: topic names contain "." and "-", which an environment variable name cannot carry as a map key.
- name: SPRING_APPLICATION_JSON
  value: {{ dict "taza" (dict "kafka" (dict "topic-partitions" .)) | toJson | quote }}
{{- end }}
# Kafka Streams: state on the pod's volume, standbys for fail-over, static membership and interactive queries.
- name: TAZA_STREAMS_STATE_DIR
  value: {{ .Values.streams.stateDir | quote }}
- name: TAZA_STREAMS_STANDBY_REPLICAS
  value: {{ .Values.streams.standbyReplicas | quote }}
- name: TAZA_STREAMS_COMMIT_INTERVAL_MS
  value: {{ .Values.streams.commitIntervalMs | quote }}
# RocksDB's share of the memory limit, in bytes: all state stores of the instance together.
- name: TAZA_STREAMS_ROCKSDB_MEMORY
  value: {{ include "taza-lib.rocksdbBytes" . | quote }}
{{- if .Values.streams.staticMembership }}
- name: SPRING_KAFKA_STREAMS_PROPERTIES_GROUP_INSTANCE_ID
  value: "$(POD_NAME)"
{{- end }}
- name: TAZA_STREAMS_APPLICATION_SERVER
  value: {{ printf "$(POD_NAME).%s.%s.svc:%v" (include "taza-lib.headlessName" .) .Release.Namespace .Values.service.port | quote }}
{{- with .Values.signIn }}
# People sign in with the token issuer (OpenID Connect), the service being its confidential client; the API also takes
# the issuer's bearer tokens.
- name: SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI
  value: {{ required "signIn.issuerUri is required: the token issuer analysts sign in with (for example https://idp.example.kz/realms/taza)" .issuerUri | quote }}
- name: TAZA_SIGN_IN_CLIENT_ID
  value: {{ .clientId | quote }}
- name: TAZA_SIGN_IN_CLIENT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ required "signIn.clientSecret.name is required: a Secret holding this service's client secret at the issuer" .clientSecret.name }}
      key: {{ .clientSecret.key }}
{{- end }}
{{- range $property, $value := .Values.config }}
- name: {{ $property | replace "." "_" | replace "-" "_" | upper }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}
