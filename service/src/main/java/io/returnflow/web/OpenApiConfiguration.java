package io.returnflow.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of the merchant and admin APIs at {@code /v3/api-docs} (Swagger UI at
 * {@code /swagger-ui.html}), generated from the controllers, plus what springdoc cannot see: who may
 * call what (admin token, merchant API keys) and the TikTok webhook, a Camel servlet route.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String ADMIN = "adminToken";
    static final String MERCHANT = "merchantApiKey";
    static final String TIKTOK_SIGNATURE = "tiktokSignature";

    @Bean
    OpenAPI returnsServiceApi() {
        return new OpenAPI()
                .info(new Info().title("TikTok returns service")
                        .description("""
                                Merchant API (a merchant API key sees only its merchant's data; the admin token \
                                names the merchant with ?merchantId=), admin API (merchants, API keys, dead letters), \
                                TikTok shop connection and the TikTok webhook. Errors answer {"error": "..."}.""")
                        .version("1"))
                .components(new Components()
                        .addSecuritySchemes(ADMIN, bearer("app.admin-token"))
                        .addSecuritySchemes(MERCHANT, bearer("a merchant API key (POST /api/admin/merchants/{merchantId}/api-keys)"))
                        .addSecuritySchemes(TIKTOK_SIGNATURE, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("Authorization")
                                .description("TikTok's HMAC-SHA256 signature of app key + body, keyed with the app secret")))
                .tags(List.of(
                        new Tag().name("returns").description("A merchant's returns and their history"),
                        new Tag().name("tiktok-shops").description("Connecting TikTok shops"),
                        new Tag().name("admin").description("Merchants, API keys and dead letters (admin token)"),
                        new Tag().name("webhooks").description("What TikTok calls")));
    }

    /** Who may call each path, and the webhook. */
    @Bean
    OpenApiCustomizer accessAndWebhook() {
        return api -> {
            api.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> describeAccess(path, operation)));
            api.getPaths().addPathItem("/webhooks/tiktok", new PathItem().post(webhook()));
        };
    }

    private static void describeAccess(String path, Operation operation) {
        if (path.startsWith("/api/admin/")) {
            operation.setTags(List.of("admin"));
            operation.setSecurity(List.of(new SecurityRequirement().addList(ADMIN)));
        } else if (path.startsWith("/api/returns")) {
            operation.setTags(List.of("returns"));
            operation.setSecurity(List.of(new SecurityRequirement().addList(MERCHANT), new SecurityRequirement().addList(ADMIN)));
        } else if (path.startsWith("/api/merchants/")) {
            operation.setTags(List.of("tiktok-shops"));
            operation.setSecurity(List.of(new SecurityRequirement().addList(MERCHANT), new SecurityRequirement().addList(ADMIN)));
        } else if (path.startsWith("/oauth/")) {
            operation.setTags(List.of("tiktok-shops"));
        }
    }

    private static Operation webhook() {
        ApiResponses answers = new ApiResponses();
        Map.of("200", "queued durably, a repeat of a notification id, a type no flow handles, or a shop no merchant connected (kept for an operator)",
                        "400", "not valid UTF-8 JSON (a key twice included), no type / tts_notification_id / shop_id / timestamp, or a timestamp over 72 h old or 5 min ahead",
                        "401", "missing or wrong signature",
                        "413", "body over 1 MiB",
                        "503", "not queued (broker unavailable): TikTok delivers it again")
                .forEach((status, meaning) -> answers.addApiResponse(status, new ApiResponse().description(meaning)));
        return new Operation()
                .operationId("tiktokWebhook")
                .summary("TikTok webhook (signed); 200 only once the event is durably queued")
                .tags(List.of("webhooks"))
                .security(List.of(new SecurityRequirement().addList(TIKTOK_SIGNATURE)))
                .requestBody(new RequestBody().required(true).content(new Content().addMediaType("application/json",
                        new MediaType().schema(new StringSchema().description(
                                "TikTok's envelope: {type, tts_notification_id, shop_id, timestamp, data}")))))
                .responses(answers);
    }

    private static SecurityScheme bearer(String what) {
        return new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").description(what);
    }
}
