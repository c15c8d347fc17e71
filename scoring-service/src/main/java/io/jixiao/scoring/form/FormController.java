package io.jixiao.scoring.form;

import io.jixiao.contracts.access.Role;
import io.jixiao.platform.security.Allowed;
import io.jixiao.platform.security.Callers;
import io.jixiao.platform.security.Caller;
import io.jixiao.scoring.access.ProjectYearScope;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** The live form in three shapes: JSON (the exchange format), a printable page, and a list of all project-years. */
@RestController
class FormController {

    private final Forms forms;
    private final FormStream stream;
    private final FormExplanation explanation;
    private final ProjectYearScope scope;

    FormController(Forms forms, FormStream stream, FormExplanation explanation, ProjectYearScope scope) {
        this.forms = forms;
        this.stream = stream;
        this.explanation = explanation;
        this.scope = scope;
    }

    /** Every figure traced to the events and rules behind it. */
    @GetMapping("/projects/{projectId}/form/explain")
    @Allowed(value = {Role.VIEWER, Role.AUDITOR, Role.BUDGET_EDITOR, Role.POSTER, Role.INDICATOR_EDITOR, Role.REVIEWER},
            action = "explain-form")
    FormExplanation.Explanation explain(@PathVariable String projectId) {
        scope.require(projectId);
        return explanation.explain(projectId);
    }

    /** Server-sent events: the form now, then again after every change of it. */
    @GetMapping(value = "/projects/{projectId}/form/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Allowed(value = {Role.VIEWER, Role.AUDITOR, Role.BUDGET_EDITOR, Role.POSTER, Role.INDICATOR_EDITOR, Role.REVIEWER},
            action = "watch-form")
    SseEmitter formStream(@PathVariable String projectId) {
        scope.require(projectId);
        return stream.subscribe(projectId, forms.form(projectId), (department, unit) -> true);
    }

    /** Server-sent events: every form that changes, as it changes. */
    @GetMapping(value = "/forms/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Allowed(value = {Role.VIEWER, Role.AUDITOR, Role.BUDGET_EDITOR, Role.POSTER, Role.INDICATOR_EDITOR, Role.REVIEWER},
            action = "watch-forms")
    SseEmitter allForms() {
        // each subscriber is sent only the forms within its reach
        Caller caller = Callers.require();
        return stream.subscribe(FormStream.ALL, null, caller::reaches);
    }

    /**
     * The live form; {@code asOf} (a business date) and {@code knownAt} (an ISO instant with offset) give the form
     * as it stood on that date, as known at that time.
     */
    @GetMapping("/projects/{projectId}/form")
    @Allowed(value = {Role.VIEWER, Role.AUDITOR, Role.BUDGET_EDITOR, Role.POSTER, Role.INDICATOR_EDITOR, Role.REVIEWER},
            action = "read-form")
    Form form(@PathVariable String projectId,
              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime knownAt) {
        scope.require(projectId);
        return forms.form(projectId, asOf, knownAt);
    }

    @GetMapping(value = "/projects/{projectId}/form.html", produces = MediaType.TEXT_HTML_VALUE)
    @Allowed(value = {Role.VIEWER, Role.AUDITOR, Role.BUDGET_EDITOR, Role.POSTER, Role.INDICATOR_EDITOR, Role.REVIEWER},
            action = "read-form-page")
    String page(@PathVariable String projectId) {
        scope.require(projectId);
        return FormHtml.render(forms.form(projectId));
    }

    /** Every form, in the structure of forms-2023.json. */
    @GetMapping("/forms")
    @Allowed(value = {Role.VIEWER, Role.AUDITOR, Role.BUDGET_EDITOR, Role.POSTER, Role.INDICATOR_EDITOR, Role.REVIEWER},
            action = "read-forms")
    Map<String, Object> export() {
        return Map.of("title", "财政项目支出绩效自评表", "projects", forms.all(scope.reach()));
    }

    @GetMapping("/forms/summary")
    @Allowed(value = {Role.VIEWER, Role.AUDITOR, Role.BUDGET_EDITOR, Role.POSTER, Role.INDICATOR_EDITOR, Role.REVIEWER},
            action = "read-forms-summary")
    List<Form.Summary> summary() {
        return forms.all(scope.reach()).stream().map(form -> new Form.Summary(form.projectId(), form.name(), form.year(), form.ruleSet(),
                form.status(), form.funds().total().rate(), form.total(), form.grade())).toList();
    }
}
