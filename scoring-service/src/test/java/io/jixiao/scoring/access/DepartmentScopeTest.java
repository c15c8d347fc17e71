package io.jixiao.scoring.access;

import io.jixiao.contracts.budget.ProjectYearRegistered;
import io.jixiao.scoring.ScoringIntegrationTest;
import io.jixiao.testing.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The read model answers each caller only within its 主管部门: another department's project-year is as unknown as
 * one never registered, and the lists are narrowed in their queries. Real signed tokens, validated by the real
 * decoder.
 */
class DepartmentScopeTest extends ScoringIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String A = "上海市科学技术委员会";
    private static final String B = "上海市普陀区体育局";

    @Autowired
    MockMvc mvc;

    private MockHttpServletResponse as(String token, String path) throws Exception {
        return mvc.perform(get(path).header("Authorization", "Bearer " + token)).andReturn().getResponse();
    }

    private JsonNode json(String token, String path) throws Exception {
        return JSON.readTree(as(token, path).getContentAsString(StandardCharsets.UTF_8));
    }

    @Test
    void anotherDepartmentsProjectYearIsUnknownAndListsHoldOnlyWhatIsWithinReach() throws Exception {
        String ofA = newProjectId("2023-SA");
        String ofB = newProjectId("2023-SB");
        publishAll(ofA, new ProjectYearRegistered(ofA, "SA", "科普场馆运行保障经费", A, "上海科技馆", 2023, "shanghai-2023"));
        publishAll(ofB, new ProjectYearRegistered(ofB, "SB", "体育场馆运行经费", B, "普陀区体育事业管理中心", 2023, "shanghai-2023"));
        await().atMost(Duration.ofSeconds(30)).until(() -> as(READER, "/projects/" + ofA + "/form").getStatus() == 200
                && as(READER, "/projects/" + ofB + "/form").getStatus() == 200);

        String viewerOfA = TestIssuer.instance().token("officer-a", A, "viewer");
        for (String path : List.of("/form", "/form.html", "/form/explain", "/execution", "/indicators", "/published")) {
            MockHttpServletResponse outOfReach = as(viewerOfA, "/projects/" + ofB + path);
            MockHttpServletResponse unknown = as(viewerOfA, "/projects/2023-NEVER" + path);
            assertThat(outOfReach.getStatus()).as(path).isEqualTo(404);
            assertThat(outOfReach.getContentAsString(StandardCharsets.UTF_8)).as(path)
                    .isEqualTo(unknown.getContentAsString(StandardCharsets.UTF_8).replace("2023-NEVER", ofB));
            assertThat(as(viewerOfA, "/projects/" + ofA + path).getStatus()).as(path).isEqualTo(200);
        }

        List<String> formsOfA = json(viewerOfA, "/forms").path("projects").valueStream().map(form -> form.path("projectId").asString()).toList();
        assertThat(formsOfA).contains(ofA).doesNotContain(ofB);
        assertThat(json(viewerOfA, "/forms").path("projects").valueStream().map(form -> form.path("department").asString()).distinct())
                .containsExactly(A);
        assertThat(json(viewerOfA, "/forms/summary").valueStream().map(line -> line.path("projectId").asString()))
                .contains(ofA).doesNotContain(ofB);
        assertThat(json(viewerOfA, "/projects").valueStream().map(line -> line.path("projectId").asString()))
                .contains(ofA).doesNotContain(ofB);

        String bureau = TestIssuer.instance().token("bureau", "*", "viewer");
        assertThat(json(bureau, "/forms/summary").valueStream().map(line -> line.path("projectId").asString())).contains(ofA, ofB);

        String narrowedToAnotherUnit = TestIssuer.instance().token(java.util.Map.of("sub", "unit-officer", "client_id", "dashboard",
                "department", A, "unit", "上海天文馆", "roles", List.of("viewer")));
        assertThat(as(narrowedToAnotherUnit, "/projects/" + ofA + "/form").getStatus()).isEqualTo(404);
        assertThat(json(narrowedToAnotherUnit, "/projects").valueStream().map(line -> line.path("projectId").asString()))
                .doesNotContain(ofA, ofB);
    }
}
