{{/*
Names and labels. Every template of the library takes the service chart's root context (".").
*/}}

{{/* The chart's name, or nameOverride. */}}
{{- define "taza-lib.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Resource name: fullnameOverride, or the release name with the chart's name unless it already contains it. */}}
{{- define "taza-lib.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The headless Service that gives every pod a stable DNS name (interactive-query forwarding between instances). */}}
{{- define "taza-lib.headlessName" -}}
{{- printf "%s-headless" (include "taza-lib.fullname" . | trunc 54 | trimSuffix "-") -}}
{{- end -}}

{{/*
The Service that names the pods' management port, for the ServiceMonitor only: the client-facing Service, which the
ingress reaches, has the API port alone.
*/}}
{{- define "taza-lib.managementName" -}}
{{- printf "%s-management" (include "taza-lib.fullname" . | trunc 52 | trimSuffix "-") -}}
{{- end -}}

{{- define "taza-lib.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels every resource carries (app.kubernetes.io/*, see the Kubernetes recommended labels). */}}
{{- define "taza-lib.labels" -}}
helm.sh/chart: {{ include "taza-lib.chart" . }}
{{ include "taza-lib.selectorLabels" . }}
app.kubernetes.io/version: {{ include "taza-lib.imageTag" . | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: kafka-streams-service
app.kubernetes.io/part-of: taza
{{- end -}}

{{/* Labels that select the service's pods; never change them after the first install (selectors are immutable). */}}
{{- define "taza-lib.selectorLabels" -}}
app.kubernetes.io/name: {{ include "taza-lib.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "taza-lib.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "taza-lib.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The image tag: image.tag, or the chart's appVersion (never "latest"). */}}
{{- define "taza-lib.imageTag" -}}
{{- default .Chart.AppVersion .Values.image.tag -}}
{{- end -}}

{{- define "taza-lib.image" -}}
{{- printf "%s:%s" .Values.image.repository (include "taza-lib.imageTag" .) -}}
{{- end -}}

{{/*
The Spring application name, which is also the Kafka Streams application id, the consumer group, the prefix of the
Streams internal topics and of the transactional ids: KEDA and the KafkaUser ACLs are derived from it.
*/}}
{{- define "taza-lib.applicationName" -}}
{{- default .Chart.Name .Values.applicationName -}}
{{- end -}}

{{/* The Kafka connection settings: global.kafka, shared by every chart of the suite. */}}
{{- define "taza-lib.bootstrapServers" -}}
{{- $kafka := (.Values.global | default dict).kafka | default dict -}}
{{- required "global.kafka.bootstrapServers is required: the Kafka bootstrap servers, host:port[,host:port...] (for example my-cluster-kafka-bootstrap.kafka:9093)" $kafka.bootstrapServers -}}
{{- end -}}

{{/* The token issuer: global.security, shared by every chart of the suite. The services refuse to start without it. */}}
{{- define "taza-lib.issuerUri" -}}
{{- $security := (.Values.global | default dict).security | default dict -}}
{{- required "global.security.issuerUri is required: the OpenID Connect issuer whose tokens the services accept (for example https://idp.ministry.example/realms/taza)" $security.issuerUri -}}
{{- end -}}

{{/* The Secret with this service's own client secret at the identity provider: as set, else <full name>-client. */}}
{{- define "taza-lib.clientSecretName" -}}
{{- default (printf "%s-client" (include "taza-lib.fullname" . | trunc 56 | trimSuffix "-")) .Values.security.clientSecret.secretName -}}
{{- end -}}

{{/*
The Secret with the sign-in client's secret of a chart whose service signs people in (signIn): signIn.clientSecret.secretName,
else <full name>-sign-in.
*/}}
{{- define "taza-lib.signInSecretName" -}}
{{- default (printf "%s-sign-in" (include "taza-lib.fullname" . | trunc 55 | trimSuffix "-")) .Values.signIn.clientSecret.secretName -}}
{{- end -}}

{{/*
The ports the services open towards the identity provider (its keys, its token endpoint): networkPolicy.issuerPorts,
else the port of each of global.security's URIs (the scheme's when the URI names none). A JSON list.
*/}}
{{- define "taza-lib.issuerPorts" -}}
{{- $ports := list -}}
{{- if .Values.networkPolicy.issuerPorts -}}
{{- range .Values.networkPolicy.issuerPorts -}}{{- $ports = append $ports (int .) -}}{{- end -}}
{{- else -}}
{{- $security := .Values.global.security -}}
{{- range $uri := list (include "taza-lib.issuerUri" .) $security.jwkSetUri $security.tokenUri -}}
{{- if $uri -}}
{{- $url := urlParse $uri -}}
{{- $port := regexFind ":[0-9]+$" $url.host | trimPrefix ":" -}}
{{- if not $port -}}{{- $port = ternary "443" "80" (eq $url.scheme "https") -}}{{- end -}}
{{- $ports = append $ports (int $port) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $ports | uniq | toJson -}}
{{- end -}}

{{/* Is SASL in use? */}}
{{- define "taza-lib.sasl" -}}
{{- if hasPrefix "SASL_" .Values.global.kafka.securityProtocol -}}true{{- end -}}
{{- end -}}

{{/* Is TLS in use? */}}
{{- define "taza-lib.tls" -}}
{{- if or (eq .Values.global.kafka.securityProtocol "SSL") (eq .Values.global.kafka.securityProtocol "SASL_SSL") -}}true{{- end -}}
{{- end -}}

{{/* The Secret holding the SASL JAAS configuration: as set, else the Strimzi KafkaUser's own Secret. */}}
{{- define "taza-lib.saslSecretName" -}}
{{- if .Values.global.kafka.sasl.jaasConfigSecret.name -}}
{{- .Values.global.kafka.sasl.jaasConfigSecret.name -}}
{{- else if .Values.strimzi.user.enabled -}}
{{- include "taza-lib.kafkaUserName" . -}}
{{- else -}}
{{- fail (printf "global.kafka.securityProtocol is %s: set global.kafka.sasl.jaasConfigSecret.name (a Secret with the key %s), or strimzi.user.enabled=true to use the KafkaUser's Secret" .Values.global.kafka.securityProtocol .Values.global.kafka.sasl.jaasConfigSecret.key) -}}
{{- end -}}
{{- end -}}

{{- define "taza-lib.kafkaUserName" -}}
{{- default (include "taza-lib.applicationName" .) .Values.strimzi.user.name -}}
{{- end -}}

{{/*
Partition count of a catalogue topic: topicPartitions[name] when the operator overrides it, else the catalogue's.
Call with (list $ $topic).
*/}}
{{- define "taza-lib.partitions" -}}
{{- $root := index . 0 -}}
{{- $topic := index . 1 -}}
{{- $overrides := $root.Values.topicPartitions | default dict -}}
{{- if hasKey $overrides $topic.name -}}
{{- index $overrides $topic.name | int -}}
{{- else -}}
{{- $topic.partitions | int -}}
{{- end -}}
{{- end -}}

{{/* Kubernetes name of a topic (KafkaTopic metadata.name): dots become dashes. */}}
{{- define "taza-lib.topicResourceName" -}}
{{- . | replace "." "-" | trunc 63 | trimSuffix "-" -}}
{{- end -}}
