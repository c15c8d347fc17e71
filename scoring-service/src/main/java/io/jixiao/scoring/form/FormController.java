package io.jixiao.scoring.form;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.List;
import java.util.Map;

/** The live form in three shapes: JSON (the exchange format), a printable page, and a list of all project-years. */
@RestController
class FormController {

    private final Forms forms;
    private final FormStream stream;

    FormController(Forms forms, FormStream stream) {
        this.forms = forms;
        this.stream = stream;
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

    @GetMapping("/projects/{projectId}/form")
    Form form(@PathVariable String projectId) {
        return forms.form(projectId);
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
