package kz.taza.platform.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.validation.Constraint;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;

import kz.taza.platform.command.CommandGateway;
import kz.taza.platform.command.CommandPending;
import kz.taza.platform.query.StateQueries;
import kz.taza.platform.security.Allow;

/**
 * The problem answers of every Taza API, declared once in its OpenAPI document from what the platform's handlers do,
 * so that no controller repeats them: each operation gets the RFC 9457 answers ({@code application/problem+json},
 * schema {@code ProblemDetail}) it can give, unless it declares that status itself.
 * <ul>
 * <li>400 ({@link ProblemHandlers}: a malformed body, a parameter not of its type; the firewall's refused request):
 * operations with a body or parameters;</li>
 * <li>401 and 403 ({@code SecurityProblems}, {@code AccessRules}): every operation held to an {@link Allow} rule;</li>
 * <li>404 (an unknown resource, {@code /problems/<reasonCode>}): operations whose path names a resource by its id
 * (a String path variable);</li>
 * <li>413 ({@code RequestSizeLimit}): operations with a body; 422 (a field or parameter breaking a rule): operations
 * with a body or a constrained parameter;</li>
 * <li>413 (a command larger than the broker takes), 422 (a command the rules refuse) and 503 (the command not handed
 * to Kafka) for command operations: a writing handler of a controller that sends through a {@link CommandGateway};
 * and for those that send one command under the client's {@code Idempotency-Key}, 202 ({@link CommandPending}, its
 * result late) and 409 (against the current state, or a re-used key);</li>
 * <li>503 with Retry-After ({@code StateUnavailableException}) for reads of Streams state through
 * {@link StateQueries}.</li>
 * </ul>
 * The {@code Idempotency-Key} header is described on every operation that takes it. Generic answers springdoc would
 * copy from the exception handlers onto every operation are off ({@code springdoc.override-with-generic-response}),
 * so this is the one place the problem answers are declared.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OperationCustomizer.class)
public class TazaOpenApiAutoConfiguration {

    /** The schema name of a problem document in every document's components. */
    public static final String PROBLEM_SCHEMA = "ProblemDetail";

    /** The reference to a problem document's schema, for a service's own problem answers ({@code @ApiResponse}). */
    public static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM_SCHEMA;

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    static final String PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    @Bean
    OperationCustomizer tazaProblemResponses() {
        return TazaOpenApiAutoConfiguration::declareProblems;
    }

    @Bean
    OpenApiCustomizer tazaProblemSchema() {
        return TazaOpenApiAutoConfiguration::declareProblemSchema;
    }

    static Operation declareProblems(Operation operation, HandlerMethod handler) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        boolean body = hasParameter(handler, RequestBody.class);
        boolean parameters = body || hasParameter(handler, PathVariable.class)
                || hasParameter(handler, RequestParam.class) || hasParameter(handler, RequestHeader.class);
        boolean secured = AnnotatedElementUtils.hasAnnotation(handler.getMethod(), Allow.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), Allow.class);
        boolean command = writes(handler) && holds(handler.getBeanType(), CommandGateway.class);
        // One command answered with its own result (a batch answers each of its commands in its body instead).
        boolean singleCommand = command && takesIdempotencyKey(handler);
        boolean stateRead = holds(handler.getBeanType(), StateQueries.class);
        boolean constrained = Arrays.stream(handler.getMethodParameters()).anyMatch(p -> Arrays.stream(
                p.getParameterAnnotations()).anyMatch(a -> a.annotationType().isAnnotationPresent(Constraint.class)));

        if (singleCommand) {
            declare(responses, "202", new ApiResponse()
                    .description("The command was written but its result did not arrive in time: its status URL "
                            + "(Location) answers once it has")
                    .addHeaderObject(HttpHeaders.LOCATION, new Header().description("the command's status URL")
                            .schema(new StringSchema().format("uri-reference")))
                    .content(new Content().addMediaType(MediaType.APPLICATION_JSON_VALUE,
                            new io.swagger.v3.oas.models.media.MediaType().schema(
                                    new Schema<>().$ref("#/components/schemas/" + CommandPending.class
                                            .getSimpleName())))));
        }
        if (parameters) {
            declare(responses, "400", problem("Malformed request: a body that is not JSON for this operation, or a "
                    + "parameter or field not of its type (named in violations)"));
        }
        if (secured) {
            declare(responses, "401", problem("No valid bearer token (/problems/unauthenticated)"));
            declare(responses, "403", problem("The token's roles do not allow this operation, or an operator's "
                    + "call about another operator's facility (/problems/forbidden)"));
        }
        if (namesResource(handler)) {
            declare(responses, "404", problem("The resource the path names is unknown (/problems/<reasonCode>)"));
        }
        if (singleCommand) {
            declare(responses, "409", problem("The command conflicts with the current state, or its "
                    + "Idempotency-Key was used before for another request (/problems/IDEMPOTENCY_KEY_REUSED)"));
        }
        if (body || command) {
            declare(responses, "413", problem("The request body, or the command it makes, is larger than taken in "
                    + "(/problems/request-too-large, /problems/command-too-large): send less at once"));
        }
        if (body || command || constrained) {
            declare(responses, "422", problem("A field or parameter breaks a rule: each is named in violations"));
        }
        if (command || stateRead) {
            String detail = ((command ? "The command could not be handed to Kafka (/problems/command-not-sent): retry "
                    + "with the same Idempotency-Key. " : "")
                    + (stateRead ? "The service's state cannot be read now (starting, rebalancing, its owner "
                            + "unreachable): retry after Retry-After." : "")).trim();
            declare(responses, "503", problem(detail).addHeaderObject(HttpHeaders.RETRY_AFTER, new Header()
                    .description("seconds after which the request may be repeated as it is")
                    .schema(new IntegerSchema())));
        }
        if (operation.getParameters() != null) {
            operation.getParameters().stream()
                    .filter(p -> "header".equals(p.getIn()) && IDEMPOTENCY_KEY.equalsIgnoreCase(p.getName()))
                    .forEach(TazaOpenApiAutoConfiguration::describeIdempotencyKey);
        }
        return operation;
    }

    private static void describeIdempotencyKey(Parameter key) {
        key.setName(IDEMPOTENCY_KEY);
        key.setDescription("Makes a retry safe: a request repeated with the same key (to the same resource) is the "
                + "same command and is answered with the first one's result, changing nothing; the same key with a "
                + "different request is 409 IDEMPOTENCY_KEY_REUSED. Any non-blank string, unique per intended "
                + "change; a random UUID is recommended. Without one, a repeat of an identical request is "
                + "recognised only where the command's own ids make it so.");
        key.setSchema(new StringSchema().minLength(1).example("3f1c1f4e-8f0b-4b3a-9a57-2d0f6c1b9e21"));
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new io.swagger.v3.oas.models.media.MediaType().schema(
                        new Schema<>().$ref(PROBLEM_REF))));
    }

    private static ApiResponse declare(ApiResponses responses, String status, ApiResponse answer) {
        // What a handler declares itself stays as it declared it.
        ApiResponse own = responses.get(status);
        if (own != null) {
            return own;
        }
        responses.addApiResponse(status, answer);
        return answer;
    }

    private static boolean hasParameter(HandlerMethod handler, Class<? extends java.lang.annotation.Annotation> kind) {
        return Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.hasParameterAnnotation(kind));
    }

    /** A path variable that is an id (a String: a facility, a planting), not a number such as a year. */
    private static boolean namesResource(HandlerMethod handler) {
        return Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.hasParameterAnnotation(PathVariable.class)
                && p.getParameterType() == String.class);
    }

    private static boolean takesIdempotencyKey(HandlerMethod handler) {
        return Arrays.stream(handler.getMethodParameters()).map(p -> p.getParameterAnnotation(RequestHeader.class))
                .anyMatch(h -> h != null && (IDEMPOTENCY_KEY.equalsIgnoreCase(h.name())
                        || IDEMPOTENCY_KEY.equalsIgnoreCase(h.value())));
    }

    private static boolean writes(HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(),
                RequestMapping.class);
        return mapping != null && Arrays.stream(mapping.method()).anyMatch(m -> m == RequestMethod.POST
                || m == RequestMethod.PUT || m == RequestMethod.PATCH || m == RequestMethod.DELETE);
    }

    private static boolean holds(Class<?> controller, Class<?> kind) {
        boolean[] found = {false};
        ReflectionUtils.doWithFields(controller, field -> found[0] = true,
                field -> kind.isAssignableFrom(field.getType()));
        return found[0];
    }

    /** The problem document's schema, the 202's, and a stable order of the tags. */
    static void declareProblemSchema(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        Map<String, Schema> properties = new TreeMap<>();
        properties.put("type", new StringSchema().format("uri-reference")
                .description("what kind of problem: /problems/<code>, stable for clients to branch on"));
        properties.put("title", new StringSchema().description("a short summary of the kind of problem"));
        properties.put("status", new IntegerSchema().description("the HTTP status"));
        properties.put("detail", new StringSchema().description("what went wrong here, for a person"));
        properties.put("instance", new StringSchema().format("uri-reference").description("the request's path"));
        properties.put("reasonCode", new StringSchema()
                .description("the rule's code, when a rule refused the request (e.g. PERMIT_ALREADY_ACTIVE)"));
        properties.put("commandId", new StringSchema().description("the command's id, when one was made"));
        properties.put("violations", new ArraySchema().description("each bad field of the request")
                .items(new ObjectSchema()
                        .addProperty("field", new StringSchema().description("the field's path, e.g. limits[0].pollutant"))
                        .addProperty("code", new StringSchema().description("the rule's code, where it has one"))
                        .addProperty("message", new StringSchema().description("what is wrong with it"))));
        Schema<Object> problem = new ObjectSchema().description("An RFC 9457 problem document");
        problem.setProperties(new LinkedHashMap<>(properties));
        problem.setAdditionalProperties(true);
        components.addSchemas(PROBLEM_SCHEMA, problem);
        if (components.getSchemas().get(CommandPending.class.getSimpleName()) == null) {
            Map<String, Schema> pending = new TreeMap<>();
            pending.put("commandId", new StringSchema().description("the command's id"));
            pending.put("status", new StringSchema()._enum(List.of("PENDING")));
            pending.put("statusUrl", new StringSchema().format("uri-reference")
                    .description("where the command's result can be fetched"));
            Schema<Object> schema = new ObjectSchema().description("A command written whose result did not "
                    + "arrive in time: fetch its statusUrl later");
            schema.setProperties(new LinkedHashMap<>(pending));
            components.addSchemas(CommandPending.class.getSimpleName(), schema);
        }
        if (openApi.getTags() != null) {
            List<Tag> tags = new ArrayList<>(openApi.getTags());
            tags.sort(Comparator.comparing(Tag::getName));
            openApi.setTags(tags);
        }
        // Servers are the address the document was fetched from: not part of the API (and not checked in).
        openApi.setServers(null);
    }
}
