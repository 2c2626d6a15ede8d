package se.nexus.support.openapi;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The RFC 9457 problem detail every refusal of every service is, as the contract describes it. */
@Schema(name = "Problem", description = "An RFC 9457 problem detail; it never echoes the input")
record Problem(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "https://nexus.example/problems/invalid-request",
            description = "What kind of problem this is") URI type,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Bad Request") String title,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "400") int status,
        @Schema(example = "The request has invalid fields") String detail,
        @Schema(example = "/api/v1/referrals", format = "uri-reference",
            description = "The path of the request that was refused") String instance,
        @Schema(description = "The invalid fields and why, only for invalid-request; never their values")
        List<FieldError> errors) {

    /** One invalid field and what is wrong with it. */
    @Schema(name = "FieldError")
    record FieldError(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "subject.ref") String field,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "must not be blank") String message) {
    }
}
