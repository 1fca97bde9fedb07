{{- define "taza-lib.notes" -}}
{{ include "taza-lib.applicationName" . }} {{ include "taza-lib.imageTag" . }} is installed as the StatefulSet {{ include "taza-lib.fullname" . }} in namespace {{ .Release.Namespace }}.

Kafka: {{ .Values.global.kafka.bootstrapServers }} ({{ .Values.global.kafka.securityProtocol }}); Streams application id and consumer group: {{ include "taza-lib.applicationName" . }}.

Watch it become ready (ready once its Kafka Streams application is RUNNING):
  kubectl -n {{ .Release.Namespace }} rollout status statefulset/{{ include "taza-lib.fullname" . }}

Tokens: every call to the REST API needs a bearer token of {{ include "taza-lib.issuerUri" . }} (audience {{ .Values.global.security.audience }}).
The service's own client ({{ default (include "taza-lib.applicationName" .) .Values.security.clientId }}) reads its secret from the Secret {{ include "taza-lib.clientSecretName" . }} (key {{ .Values.security.clientSecret.key }}): create it before the pods start.
{{- if .Values.signIn }}
People sign in through the issuer with the client {{ .Values.signIn.clientId }} (its redirect URI: <this service's address>/login/oauth2/code/taza), whose secret is read from the Secret {{ include "taza-lib.signInSecretName" . }} (key {{ .Values.signIn.clientSecret.key }}): create it before the pods start too.
{{- end }}

Reach the REST API:
  kubectl -n {{ .Release.Namespace }} port-forward svc/{{ include "taza-lib.fullname" . }} {{ .Values.service.port }}
{{- if .Values.global.security.openApiPublic }}
  open http://localhost:{{ .Values.service.port }}/swagger-ui.html
{{- end }}
{{- if .Values.signIn }}
  open http://localhost:{{ .Values.service.port }}/   (the dashboard: a browser is sent to sign in)
{{- end }}

Management, on port {{ .Values.service.managementPort }} of each pod (on no Service the ingress reaches): /actuator/health/liveness, /actuator/health/readiness and /actuator/prometheus, open; health details with the operations role:
  kubectl -n {{ .Release.Namespace }} port-forward pod/{{ include "taza-lib.fullname" . }}-0 {{ .Values.service.managementPort }}
{{- if .Values.autoscaling.keda.enabled }}
Scaling: KEDA, {{ .Values.autoscaling.keda.minReplicaCount }} to {{ .Values.autoscaling.keda.maxReplicaCount }} instances on consumer lag of {{ include "taza-lib.lagTopics" . | fromJsonArray | join ", " }}.
{{- end }}
{{- if .Values.strimzi.user.enabled }}
Kafka user: KafkaUser {{ include "taza-lib.kafkaUserName" . }} (Strimzi writes its credentials to the Secret of the same name).
{{- end }}
{{- end -}}
