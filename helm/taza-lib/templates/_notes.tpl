{{- define "taza-lib.notes" -}}
{{ include "taza-lib.applicationName" . }} {{ include "taza-lib.imageTag" . }} is installed as the StatefulSet {{ include "taza-lib.fullname" . }} in namespace {{ .Release.Namespace }}.

Kafka: {{ .Values.global.kafka.bootstrapServers }} ({{ .Values.global.kafka.securityProtocol }}); Streams application id and consumer group: {{ include "taza-lib.applicationName" . }}.

Watch it become ready (ready once its Kafka Streams application is RUNNING):
  kubectl -n {{ .Release.Namespace }} rollout status statefulset/{{ include "taza-lib.fullname" . }}

Reach the REST API and its OpenAPI page:
  kubectl -n {{ .Release.Namespace }} port-forward svc/{{ include "taza-lib.fullname" . }} {{ .Values.service.port }}
  open http://localhost:{{ .Values.service.port }}/swagger-ui.html

Health: /actuator/health/liveness and /actuator/health/readiness; metrics: /actuator/prometheus.
{{- if .Values.autoscaling.keda.enabled }}
Scaling: KEDA, {{ .Values.autoscaling.keda.minReplicaCount }} to {{ .Values.autoscaling.keda.maxReplicaCount }} instances on consumer lag of {{ include "taza-lib.lagTopics" . | fromJsonArray | join ", " }}.
{{- end }}
{{- if .Values.strimzi.user.enabled }}
Kafka user: KafkaUser {{ include "taza-lib.kafkaUserName" . }} (Strimzi writes its credentials to the Secret of the same name).
{{- end }}
{{- end -}}
