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
# The REST API on one port, management (actuator: probes, metrics) on another that the client-facing Service leaves out.
- name: SERVER_PORT
  value: {{ .Values.service.port | quote }}
- name: MANAGEMENT_SERVER_PORT
  value: {{ .Values.service.managementPort | quote }}
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
# REST security: an OAuth2 resource server of the deployment's issuer; the service's own client for the reads it forwards.
{{- $security := .Values.global.security }}
- name: SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI
  value: {{ include "taza-lib.issuerUri" . | quote }}
{{- with $security.jwkSetUri }}
- name: SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI
  value: {{ . | quote }}
{{- end }}
- name: SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES
  value: {{ $security.audience | quote }}
- name: SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUTHORITIES_CLAIM_NAME
  value: {{ $security.rolesClaim | quote }}
- name: TAZA_SECURITY_OPERATOR_BIN_CLAIM
  value: {{ $security.operatorBinClaim | quote }}
- name: TAZA_SECURITY_OPEN_API_PUBLIC
  value: {{ $security.openApiPublic | quote }}
{{- with .Values.security.clientId }}
- name: TAZA_SECURITY_CLIENT_ID
  value: {{ . | quote }}
{{- end }}
- name: TAZA_SECURITY_CLIENT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ include "taza-lib.clientSecretName" . }}
      key: {{ .Values.security.clientSecret.key }}
{{- with $security.tokenUri }}
- name: TAZA_SECURITY_CLIENT_TOKEN_URI
  value: {{ . | quote }}
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
{{- if .Values.signIn }}
# People sign in with the same issuer (OpenID Connect, authorization code with PKCE), the service being its confidential
# client: a client of its own, apart from the service's client above.
- name: TAZA_SIGN_IN_CLIENT_ID
  value: {{ .Values.signIn.clientId | quote }}
- name: TAZA_SIGN_IN_CLIENT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ include "taza-lib.signInSecretName" . }}
      key: {{ .Values.signIn.clientSecret.key }}
{{- end }}
{{- range $property, $value := .Values.config }}
- name: {{ $property | replace "." "_" | replace "-" "_" | upper }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}
