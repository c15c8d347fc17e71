package io.jixiao.scoring.form;

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

    FormController(Forms forms, FormStream stream, FormExplanation explanation) {
        this.forms = forms;
        this.stream = stream;
        this.explanation = explanation;
    }

    /** Every figure traced to the events and rules behind it. */
    @GetMapping("/projects/{projectId}/form/explain")
    FormExplanation.Explanation explain(@PathVariable String projectId) {
        return explanation.explain(projectId);
    }

    /** Server-sent events: the form now, then again after every change of it. */
    @GetMapping(value = "/projects/{projectId}/form/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter formStream(@PathVariable String projectId) {
        return stream.subscribe(projectId, forms.form(projectId));
    }

    /** Server-sent events: every form that changes, as it changes. */
    @GetMapping(value = "/forms/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter allForms() {
        return stream.subscribe(FormStream.ALL, null);
    }

    /**
     * The live form; {@code asOf} (a business date) and {@code knownAt} (an ISO instant with offset) give the form
     * as it stood on that date, as known at that time.
     */
    @GetMapping("/projects/{projectId}/form")
    Form form(@PathVariable String projectId,
              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime knownAt) {
        return forms.form(projectId, asOf, knownAt);
    }

    @GetMapping(value = "/projects/{projectId}/form.html", produces = MediaType.TEXT_HTML_VALUE)
    String page(@PathVariable String projectId) {
        return FormHtml.render(forms.form(projectId));
    }

    /** Every form, in the structure of forms-2023.json. */
    @GetMapping("/forms")
    Map<String, Object> export() {
        return Map.of("title", "财政项目支出绩效自评表", "projects", forms.all());
    }

    @GetMapping("/forms/summary")
    List<Form.Summary> summary() {
        return forms.all().stream().map(form -> new Form.Summary(form.projectId(), form.name(), form.year(), form.ruleSet(),
                form.status(), form.funds().total().rate(), form.total(), form.grade())).toList();
    }
}
