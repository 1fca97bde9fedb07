package kz.taza.kpi.api;

import java.util.Arrays;

import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * Every read that takes {@code format} ({@link Export}) answers its 200 as JSON or, with {@code format=csv} or
 * {@code Accept: text/csv}, as a CSV download: the OpenAPI document says so once, here, for each of them.
 */
@Component
class CsvExportDocumentation implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        boolean exports = Arrays.stream(handler.getMethodParameters()).anyMatch(p -> {
            RequestParam param = p.getParameterAnnotation(RequestParam.class);
            return param != null && "format".equals(param.name().isEmpty() ? p.getParameterName() : param.name());
        });
        ApiResponse ok = operation.getResponses() == null ? null : operation.getResponses().get("200");
        if (exports && ok != null) {
            Content content = ok.getContent() == null ? new Content() : ok.getContent();
            content.addMediaType(Export.CSV.getType() + "/" + Export.CSV.getSubtype(), new MediaType().schema(
                    new StringSchema().description("the same answer as a table, with format=csv or Accept: "
                            + "text/csv; a download (Content-Disposition: attachment)")));
            ok.setContent(content);
        }
        return operation;
    }
}
