package io.eventmonitoring.bridge.support;

import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** The users of {@code src/test/resources/test-users}, the users file of every test ({@code %test} profile). */
public final class TestUsers {

    public static final String VIEWER = "viewer";
    public static final String VIEWER_PASSWORD = "viewer-password";
    public static final String OPERATOR = "operator";
    public static final String OPERATOR_PASSWORD = "operator-password";
    /** The hashes in the file, which must never be logged. */
    public static final String VIEWER_HASH_BODY = "klDR2EzjmszxsE7W9HlHreXHsJMgWVYco3R/Os32bbY.coIEM3fha";
    public static final String OPERATOR_HASH_BODY = "pRNgaGwFaVorLhULbekOXurcziFDinUXMIhkAN7BGaBoGdQsrpmAu";

    private TestUsers() {
    }

    /** A request with the operator's Basic credentials. */
    public static RequestSpecification operator() {
        return given().auth().preemptive().basic(OPERATOR, OPERATOR_PASSWORD);
    }

    /** A request with the viewer's Basic credentials. */
    public static RequestSpecification viewer() {
        return given().auth().preemptive().basic(VIEWER, VIEWER_PASSWORD);
    }
}
