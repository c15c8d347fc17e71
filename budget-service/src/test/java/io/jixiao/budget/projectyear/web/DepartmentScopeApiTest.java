package io.jixiao.budget.projectyear.web;

import io.jixiao.testing.ApiClient;
import io.jixiao.testing.ApiClient.Response;
import io.jixiao.testing.TestIssuer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Department (主管部门) and unit (实施单位) scoping over HTTP with real signed tokens: a project-year out of the
 * caller's reach answers exactly as one that does not exist, a batch item out of reach is refused on its own, a
 * transfer needs both sides, a registration the caller's own department, and nothing out of reach is ever recorded.
 */
class DepartmentScopeApiTest extends BudgetApiTestBase {

    static final String A = "上海市科学技术委员会";
    static final String B = "上海市普陀区体育局";
    /** A fiscal year no other test uses, so the lists below hold only this class's project-years. */
    static final int YEAR = 2157;
    private static final String DATE = YEAR + "-06-30";

    private final TestIssuer issuer = TestIssuer.instance();

    private ApiClient as(String token) {
        return api().as(token);
    }

    private ApiClient posterOf(String department) {
        return as(issuer.token("poster-" + department.hashCode(), department, "poster"));
    }

    private ApiClient viewerOf(String department) {
        return as(issuer.token("viewer-" + department.hashCode(), department, "viewer"));
    }

    private ApiClient editorOf(String department) {
        return as(issuer.token("editor-" + department.hashCode(), department, "budget-editor"));
    }

    private static String code(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static String registration(String code, String department, String unit) {
        return """
                {"code":"%s","name":"部门范围测试项目","department":"%s","implementingUnit":"%s","fiscalYear":%d}
                """.formatted(code, department, unit, YEAR);
    }

    /** Registered by the "*" budget editor, with 1000.00 of 当年财政拨款, year opened. */
    private String project(String department, String unit) {
        Response registered = post("/projects", registration(code("DS"), department, unit));
        assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
        String projectId = registered.text("projectId");
        assertThat(post("/projects/" + projectId + "/initial-budgets", """
                {"fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"1000.00","documentNumber":"沪财预〔%d〕1号"}
                """.formatted(YEAR)).status()).isEqualTo(201);
        assertThat(post("/projects/" + projectId + "/open", "").status()).isEqualTo(200);
        return projectId;
    }

    private static String pay(String reference) {
        return payment(reference, "10.00", DATE);
    }

    private static void assertUnknown(Response response, String projectId) {
        assertThat(response.status()).as(response.raw()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("code")).isEqualTo("unknown-project");
        assertThat(response.text("detail")).isEqualTo("no project-year " + projectId);
    }

    /** The body with the project-year's id taken out: what remains must not tell an unknown id from a foreign one. */
    private static String withoutId(Response response, String projectId) {
        return response.raw().replace(projectId, "<id>");
    }

    private static List<String> ids(Response list) {
        assertThat(list.status()).as(list.raw()).isEqualTo(200);
        return list.body().valueStream().map(entry -> entry.path("projectId").asString()).toList();
    }

    private static List<String> departments(Response list) {
        return list.body().valueStream().map(entry -> entry.path("department").asString()).distinct().toList();
    }

    @Test
    void aPaymentToAnotherDepartmentsProjectYearAnswersAsAnUnknownOneAndRecordsNothing() {
        String ofA = project(A, "上海科技馆");
        String ofB = project(B, "上海市普陀区体育中心");
        String nobody = YEAR + "-" + code("NX");
        ApiClient poster = posterOf(A);

        Response foreign = poster.post("/projects/" + ofB + "/expenditures", pay("PAY-B1"));
        Response unknown = poster.post("/projects/" + nobody + "/expenditures", pay("PAY-B1"));
        assertUnknown(foreign, ofB);
        assertUnknown(unknown, nobody);
        assertThat(foreign.text("code")).isEqualTo(unknown.text("code"));
        assertThat(foreign.contentType()).isEqualTo(unknown.contentType());
        assertThat(withoutId(foreign, ofB)).as("byte for byte, but for the id").isEqualTo(withoutId(unknown, nobody));
        assertThat(storedEvents(ofB)).as("registered, allocated, opened; no payment").isEqualTo(3);
        assertThat(storedEvents(nobody)).isZero();

        Response own = poster.post("/projects/" + ofA + "/expenditures", pay("PAY-A1"));
        assertThat(own.status()).as(own.raw()).isEqualTo(201);
        assertThat(own.text("outcome")).isEqualTo("RECORDED");
        assertThat(storedEvents(ofA)).isEqualTo(4);
    }

    @Test
    void aViewerListsAndReadsOnlyItsDepartmentsProjectYears() {
        String a1 = project(A, "上海科技馆");
        String a2 = project(A, "上海天文馆");
        String b1 = project(B, "上海市普陀区体育中心");
        String b2 = project(B, "上海市普陀区青少年体育学校");

        Response listedByA = viewerOf(A).get("/projects?fiscalYear=" + YEAR + "&limit=500");
        assertThat(ids(listedByA)).contains(a1, a2).doesNotContain(b1, b2);
        assertThat(departments(listedByA)).containsExactly(A);
        Response listedByB = viewerOf(B).get("/projects?fiscalYear=" + YEAR + "&limit=500");
        assertThat(ids(listedByB)).contains(b1, b2).doesNotContain(a1, a2);
        assertThat(departments(listedByB)).containsExactly(B);
        Response listedByAll = viewerOf("*").get("/projects?fiscalYear=" + YEAR + "&limit=500");
        assertThat(ids(listedByAll)).contains(a1, a2, b1, b2);
        assertThat(departments(listedByAll)).contains(A, B);

        ApiClient viewer = viewerOf(A);
        Response own = viewer.get("/projects/" + a1);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.text("department")).isEqualTo(A);
        assertThat(viewer.get("/projects/" + a1 + "/position").status()).isEqualTo(200);

        String nobody = YEAR + "-" + code("NX");
        Response foreign = viewer.get("/projects/" + b1);
        Response unknown = viewer.get("/projects/" + nobody);
        assertUnknown(foreign, b1);
        assertUnknown(unknown, nobody);
        assertThat(withoutId(foreign, b1)).isEqualTo(withoutId(unknown, nobody));
        Response foreignPosition = viewer.get("/projects/" + b1 + "/position");
        Response unknownPosition = viewer.get("/projects/" + nobody + "/position");
        assertUnknown(foreignPosition, b1);
        assertUnknown(unknownPosition, nobody);
        assertThat(withoutId(foreignPosition, b1)).isEqualTo(withoutId(unknownPosition, nobody));

        assertThat(viewerOf("*").get("/projects/" + b1).status()).isEqualTo(200);
        assertThat(viewerOf("*").get("/projects/" + b1 + "/position").status()).isEqualTo(200);
    }

    @Test
    void aBatchRecordsTheItemsInReachAndRefusesTheOthersAsUnknown() {
        String ofA = project(A, "上海科技馆");
        String ofB = project(B, "上海市普陀区体育中心");
        Response batch = posterOf(A).post("/expenditures/batch", """
                {"payments":[
                 {"projectId":"%s","paymentReference":"BATCH-A","fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"10.00","businessDate":"%s","payee":"某公司","voucherNumber":"记-0001"},
                 {"projectId":"%s","paymentReference":"BATCH-B","fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"10.00","businessDate":"%s","payee":"某公司","voucherNumber":"记-0002"}
                ]}""".formatted(ofA, DATE, ofB, DATE));
        assertThat(batch.status()).as(batch.raw()).isEqualTo(200);
        assertThat(batch.body().path("accepted").asInt()).isEqualTo(1);
        assertThat(batch.body().path("rejected").asInt()).isEqualTo(1);
        JsonNode recorded = batch.body().path("results").get(0);
        assertThat(recorded.path("index").asInt()).isZero();
        assertThat(recorded.path("outcome").asString()).isEqualTo("RECORDED");
        assertThat(recorded.path("status").asInt()).isEqualTo(201);
        JsonNode refused = batch.body().path("results").get(1);
        assertThat(refused.path("index").asInt()).isEqualTo(1);
        assertThat(refused.path("outcome").asString()).isEqualTo("REJECTED");
        assertThat(refused.path("status").asInt()).isEqualTo(404);
        assertThat(refused.path("code").asString()).isEqualTo("unknown-project");
        assertThat(refused.path("detail").asString()).isEqualTo("no project-year " + ofB);
        assertThat(storedEvents(ofA)).isEqualTo(4);
        assertThat(storedEvents(ofB)).as("nothing recorded on B's side").isEqualTo(3);
    }

    private static String transfer(String key, String from, String to) {
        return """
                {"adjustmentId":"%s","fromProjectId":"%s","fromFundSource":"CURRENT_YEAR_APPROPRIATION","toProjectId":"%s",
                 "toFundSource":"CURRENT_YEAR_APPROPRIATION","amount":"100.00","reason":"项目间调剂","documentNumber":"d",
                 "businessDate":"%d-07-01"}""".formatted(key, from, to, YEAR);
    }

    @Test
    void aTransferNeedsBothSidesInReach() {
        String ofA = project(A, "上海科技馆");
        String ofB = project(B, "上海市普陀区体育中心");
        String otherOfA = project(A, "上海天文馆");

        Response refused = editorOf(A).post("/transfers", transfer("T1", ofA, ofB));
        assertUnknown(refused, ofB);
        Response reversed = editorOf(A).post("/transfers", transfer("T2", ofB, ofA));
        assertUnknown(reversed, ofB);
        assertThat(storedEvents(ofA)).isEqualTo(3);
        assertThat(storedEvents(ofB)).isEqualTo(3);
        assertThat(storedEvents("transfer:" + ofA + ":T1")).as("no transfer process begun").isZero();
        assertThat(storedEvents("transfer:" + ofB + ":T2")).isZero();
        assertThat(api().get("/projects/" + ofA + "/position").body().path("total").path("fullYear").asString()).isEqualTo("1000.00");
        assertThat(api().get("/projects/" + ofB + "/position").body().path("total").path("fullYear").asString()).isEqualTo("1000.00");

        Response withinA = editorOf(A).post("/transfers", transfer("T3", ofA, otherOfA));
        assertThat(withinA.status()).as(withinA.raw()).isEqualTo(201);
        Response byAll = editorOf("*").post("/transfers", transfer("T1", ofA, ofB));
        assertThat(byAll.status()).as(byAll.raw()).isEqualTo(201);
        assertThat(byAll.text("outcome")).isEqualTo("RECORDED");
        assertThat(api().get("/projects/" + ofA + "/position").body().path("total").path("fullYear").asString()).isEqualTo("800.00");
        assertThat(api().get("/projects/" + ofB + "/position").body().path("total").path("fullYear").asString()).isEqualTo("1100.00");
    }

    @Test
    void aBudgetEditorRegistersOnlyForItsOwnDepartment() {
        String forB = code("RB");
        Response refused = editorOf(A).post("/projects", registration(forB, B, "上海市普陀区体育中心"));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
        assertThat(refused.text("code")).isEqualTo("department-not-yours");
        assertThat(storedEvents(YEAR + "-" + forB)).isZero();
        assertThat(api().get("/projects/" + YEAR + "-" + forB).status()).isEqualTo(404);

        String forA = code("RA");
        Response registered = editorOf(A).post("/projects", registration(forA, A, "上海科技馆"));
        assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
        assertThat(registered.text("projectId")).isEqualTo(YEAR + "-" + forA);
        assertThat(storedEvents(YEAR + "-" + forA)).isEqualTo(1);
    }

    @Test
    void aPrincipalNarrowedToAUnitReachesOnlyThatUnitsProjectYearsOfItsDepartment() {
        String unit = "上海科技馆";
        String ofUnit = project(A, unit);
        String otherUnit = project(A, "上海天文馆");
        String sameUnitNameInB = project(B, unit);
        ApiClient narrowed = as(issuer.token(Map.of("sub", "unit-clerk", "client_id", "unit-finance", "department", A,
                "unit", unit, "roles", List.of("poster", "viewer", "budget-editor"))));

        Response listed = narrowed.get("/projects?fiscalYear=" + YEAR + "&limit=500");
        assertThat(ids(listed)).contains(ofUnit).doesNotContain(otherUnit, sameUnitNameInB);
        assertThat(listed.body().valueStream().map(entry -> entry.path("implementingUnit").asString()).distinct()).containsExactly(unit);
        assertThat(departments(listed)).containsExactly(A);

        assertThat(narrowed.get("/projects/" + ofUnit).status()).isEqualTo(200);
        assertUnknown(narrowed.get("/projects/" + otherUnit), otherUnit);
        assertUnknown(narrowed.get("/projects/" + sameUnitNameInB), sameUnitNameInB);
        assertUnknown(narrowed.get("/projects/" + otherUnit + "/position"), otherUnit);

        assertUnknown(narrowed.post("/projects/" + otherUnit + "/expenditures", pay("PAY-U1")), otherUnit);
        assertUnknown(narrowed.post("/projects/" + sameUnitNameInB + "/expenditures", pay("PAY-U1")), sameUnitNameInB);
        assertThat(storedEvents(otherUnit)).isEqualTo(3);
        assertThat(storedEvents(sameUnitNameInB)).isEqualTo(3);
        Response own = narrowed.post("/projects/" + ofUnit + "/expenditures", pay("PAY-U1"));
        assertThat(own.status()).as(own.raw()).isEqualTo(201);
        assertThat(storedEvents(ofUnit)).isEqualTo(4);

        String elsewhere = code("RU");
        Response refused = narrowed.post("/projects", registration(elsewhere, A, "上海天文馆"));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
        assertThat(refused.text("code")).isEqualTo("department-not-yours");
        assertThat(storedEvents(YEAR + "-" + elsewhere)).isZero();
        String inUnit = code("RU");
        assertThat(narrowed.post("/projects", registration(inUnit, A, unit)).status()).isEqualTo(201);
    }

    @Test
    void aPrincipalOfEveryDepartmentNarrowedToAUnitReachesThatUnitInAnyDepartment() {
        String unit = "上海市普陀区体育中心";
        String inB = project(B, unit);
        String otherInB = project(B, "上海市普陀区青少年体育学校");
        ApiClient narrowed = as(issuer.token(Map.of("sub", "all-unit-viewer", "client_id", "finance", "department", "*",
                "unit", unit, "roles", List.of("viewer"))));
        assertThat(narrowed.get("/projects/" + inB).status()).isEqualTo(200);
        assertUnknown(narrowed.get("/projects/" + otherInB), otherInB);
        Response listed = narrowed.get("/projects?fiscalYear=" + YEAR + "&limit=500");
        assertThat(ids(listed)).contains(inB).doesNotContain(otherInB);
    }
}
