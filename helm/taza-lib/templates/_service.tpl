{{/* The ClusterIP Service for REST clients, and the headless Service that names every pod (Streams application.server). */}}
{{- define "taza-lib.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "taza-lib.fullname" . }}
  labels:
    {{- include "taza-lib.labels" . | nindent 4 }}
spec:
  type: {{ .Values.service.type }}
  ports:
    - name: http
      port: {{ .Values.service.port }}
      targetPort: http
      protocol: TCP
  selector:
    {{- include "taza-lib.selectorLabels" . | nindent 4 }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ include "taza-lib.headlessName" . }}
  labels:
    {{- include "taza-lib.labels" . | nindent 4 }}
spec:
  clusterIP: None
  # Instances forward interactive queries to the key's owner even while it is restoring (not yet ready).
  publishNotReadyAddresses: true
  ports:
    - name: http
      port: {{ .Values.service.port }}
      targetPort: http
      protocol: TCP
  selector:
    {{- include "taza-lib.selectorLabels" . | nindent 4 }}
{{- end -}}

{{- define "taza-lib.serviceAccount" -}}
{{- if .Values.serviceAccount.create -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "taza-lib.serviceAccountName" . }}
  labels:
    {{- include "taza-lib.labels" . | nindent 4 }}
  {{- with .Values.serviceAccount.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
automountServiceAccountToken: false
{{- end -}}
{{- end -}}

{{/* At most one instance down in a voluntary disruption: its tasks move to a standby, the rest keep running. */}}
{{- define "taza-lib.pdb" -}}
{{- if .Values.pdb.enabled -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "taza-lib.fullname" . }}
  labels:
    {{- include "taza-lib.labels" . | nindent 4 }}
spec:
  maxUnavailable: {{ .Values.pdb.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "taza-lib.selectorLabels" . | nindent 6 }}
{{- end -}}
{{- end -}}

{{- define "taza-lib.serviceMonitor" -}}
{{- if .Values.serviceMonitor.enabled -}}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "taza-lib.fullname" . }}
  labels:
    {{- include "taza-lib.labels" . | nindent 4 }}
    {{- with .Values.serviceMonitor.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      {{- include "taza-lib.selectorLabels" . | nindent 6 }}
  endpoints:
    - port: http
      path: /actuator/prometheus
      interval: {{ .Values.serviceMonitor.interval }}
      scrapeTimeout: {{ .Values.serviceMonitor.scrapeTimeout }}
{{- end -}}
{{- end -}}

{{/*
NetworkPolicy: HTTP in from the allowed peers and from the service's own pods (query forwarding), out to DNS, the
Kafka brokers and the service's own pods; nothing else.
*/}}
{{- define "taza-lib.networkPolicy" -}}
{{- if .Values.networkPolicy.enabled -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "taza-lib.fullname" . }}
  labels:
    {{- include "taza-lib.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "taza-lib.selectorLabels" . | nindent 6 }}
  policyTypes:
    - Ingress
    - Egress
  ingress:
    - from:
        - podSelector:
            matchLabels:
              {{- include "taza-lib.selectorLabels" . | nindent 14 }}
        {{- with .Values.networkPolicy.ingressFrom }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      ports:
        - port: http
          protocol: TCP
  egress:
    - to:
        - podSelector:
            matchLabels:
              {{- include "taza-lib.selectorLabels" . | nindent 14 }}
      ports:
        - port: {{ .Values.service.port }}
          protocol: TCP
    - ports:
        - port: 53
          protocol: UDP
        - port: 53
          protocol: TCP
    - {{- with .Values.networkPolicy.kafkaTo }}
      to:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      ports:
        {{- range .Values.networkPolicy.kafkaPorts }}
        - port: {{ . }}
          protocol: TCP
        {{- end }}
{{- end -}}
{{- end -}}
