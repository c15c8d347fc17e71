package io.jixiao.scoring.form;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** The live form in three shapes: JSON (the exchange format), a printable page, and a list of all project-years. */
@RestController
class FormController {

    private final Forms forms;

    FormController(Forms forms) {
        this.forms = forms;
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
