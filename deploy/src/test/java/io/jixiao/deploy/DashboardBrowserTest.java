package io.jixiao.deploy;

import io.jixiao.importer.FormImport;
import io.jixiao.seed.Seed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard as a finance officer uses it, in a real browser (Debian's headless Chromium through its
 * chromedriver) against the running stack: log in at the auth-server, see the seven seed project-years with their
 * published rates, watch a payment posted by a finance system change its row, the department total and the curve
 * without a reload, open a figure's explanation, see a project-year red as of a date when it lags, and never see
 * another department's project-years. Screenshots of each page go to {@code target/screenshots/}.
 */
@ExtendWith(SharedStack.class)
class DashboardBrowserTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String DEPT_A = "上海市科学技术委员会";
    private static final String DEPT_B = "上海市普陀区体育局";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Where the browser saves what it downloads. */
    private static final Path DOWNLOADS = Path.of("target", "downloads").toAbsolutePath();
    /** A live change shows within this of the payment's 201 (the bound). */
    private static final Duration LIVE = Duration.ofSeconds(2);
    private static final Duration LOAD = Duration.ofSeconds(30);
    private static final List<String> REPORT = new ArrayList<>();

    private static Stack stack;
    private static String projectA;
    private static String projectB;
    private static final Map<String, String> SEED_RATES = new LinkedHashMap<>();
    private WebDriver browser;

    @BeforeAll
    static void seedAndProjects() throws Exception {
        stack = SharedStack.stack();
        // importing the seed again is a no-op: whichever class comes first loads it
        FormImport.run(stack.gatewayUrl(), SharedStack.client("seed-loader")::token, Seed.forms2023(), result -> { });
        for (JsonNode project : JSON.readTree(Seed.forms2023()).path("projects")) {
            SEED_RATES.put(project.path("name").asString(), project.path("funds").path("total").path("rate").asString());
        }
        int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        projectA = openProjectYear("WEBA", "浏览器测试甲<script>alert(1)</script>", DEPT_A, "上海科技馆", year);
        projectB = openProjectYear("WEBB", "浏览器测试乙", DEPT_B, "上海市普陀区体育局", year);
    }

    @AfterAll
    static void report() throws IOException {
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "dashboard-browser-report.txt"), REPORT);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOfficerSeesHisDepartmentLiveExplainedAndRedAsOfADate() throws Exception {
        browser = loggedIn("officer-a");
        WebElement table = overview();
        screenshot("overview");

        // the seven seed project-years, each with its published rate
        for (Map.Entry<String, String> seed : SEED_RATES.entrySet()) {
            WebElement row = rowNamed(table, seed.getKey());
            assertThat(row.findElement(By.cssSelector("td.rate")).getText()).as(seed.getKey()).contains(seed.getValue() + "%");
        }
        // text from imported forms is text: the name with markup shows as written, nothing ran
        assertThat(rowOf(projectA).findElement(By.cssSelector("td.name")).getText()).contains("<script>alert(1)</script>");
        // another department's project-year is not there, nor its department in the totals
        assertThat(browser.findElements(By.cssSelector("#overview-table tr[data-project-id='" + projectB + "']"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#department-totals tr[data-department='" + DEPT_B + "']"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#overview-table td.department")))
                .allSatisfy(cell -> assertThat(cell.getText()).isEqualTo(DEPT_A));

        // a payment through the API changes the row and the department total without a reload
        js("window.__notReloaded = true;");
        pay(projectA, "WEB-WARM-" + UUID.randomUUID(), "1000.00");
        waitFor(LOAD, () -> rowOf(projectA).findElement(By.cssSelector("td.executed")).getText().contains("0.10"));
        String warmTotal = departmentExecuted(DEPT_A);
        waitFor(LOAD, () -> departmentTotal(DEPT_A).contains(grouped(warmTotal)));
        long posted = pay(projectA, "WEB-LIVE-" + UUID.randomUUID(), "250000.00");
        long seenRow = waitFor(LIVE, () -> rowOf(projectA).findElement(By.cssSelector("td.executed")).getText().contains("25.10"));
        // the department's 全年执行数 after the payment, as the API sums it; the page shows it without a reload
        String expectedTotal = new java.math.BigDecimal(warmTotal).add(new java.math.BigDecimal("25.00")).toPlainString();
        long seenTotal = waitFor(LIVE, () -> departmentTotal(DEPT_A).contains(grouped(expectedTotal)));
        assertThat((Boolean) js("return window.__notReloaded === true;")).as("the page was not reloaded").isTrue();
        REPORT.add("overview: row changed " + (seenRow - posted) + " ms after the 201, department total " + (seenTotal - posted) + " ms");

        // the project-year: its curve moves with the next payment; a figure opens the events behind it
        browser.get(stack.gatewayUrl().resolve("/#/projects/" + projectA).toString());
        WebElement chart = new WebDriverWait(browser, LOAD).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#execution-chart[data-points]")));
        assertThat(Integer.parseInt(chart.getAttribute("data-points"))).isPositive();
        waitFor(LOAD, () -> lastCurvePoint().contains("25.1"));
        screenshot("project");
        js("window.__notReloaded = true;");
        posted = pay(projectA, "WEB-CURVE-" + UUID.randomUUID(), "100000.00");
        long seenCurve = waitFor(LIVE, () -> lastCurvePoint().contains("35.1"));
        assertThat((Boolean) js("return window.__notReloaded === true;")).isTrue();
        REPORT.add("project-year: curve changed " + (seenCurve - posted) + " ms after the 201");

        WebElement executed = browser.findElement(By.cssSelector("[data-figure='funds.total.executed']"));
        executed.click();
        WebElement explanation = new WebDriverWait(browser, LOAD).until(ExpectedConditions.visibilityOfElementLocated(By.id("explanation")));
        waitFor(LOAD, () -> explanation.getText().contains("WEB-CURVE-"));
        screenshot("explanation");

        // as of early January nothing was due; as of the end of June it lags: red
        browser.get(stack.gatewayUrl().resolve("/#/").toString());
        overview();
        setAsOf(LocalDate.now(ZoneId.of("Asia/Shanghai")).withDayOfYear(3));
        waitFor(LOAD, () -> rowOf(projectA).findElement(By.cssSelector("td.status")).getText().contains("正常"));
        setAsOf(LocalDate.now(ZoneId.of("Asia/Shanghai")).withMonth(6).withDayOfMonth(30));
        waitFor(LOAD, () -> rowOf(projectA).findElement(By.cssSelector("td.status")).getText().contains("滞后"));
        assertThat(rowOf(projectA).getAttribute("data-status")).isEqualTo("RED");
        screenshot("overview-as-of-june");

        browser.get(stack.gatewayUrl().resolve("/#/departments").toString());
        new WebDriverWait(browser, LOAD).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#department-chart canvas")));
        screenshot("departments");

        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(stack.gatewayUrl().resolve("/#/").toString());
        overview();
        screenshot("overview-phone");
    }

    @Test
    void theBureauSeesEveryDepartment() throws Exception {
        browser = loggedIn("bureau");
        overview();
        assertThat(rowOf(projectA)).isNotNull();
        assertThat(rowOf(projectB)).isNotNull();
        assertThat(browser.findElements(By.cssSelector("#department-totals tr[data-department='" + DEPT_B + "']"))).isNotEmpty();
        screenshot("overview-bureau");
    }

    @Test
    void anAuditorTakesAQuarterSnapshotAndDownloadsTheOfficialWorkbook() throws Exception {
        browser = loggedIn("auditor");
        browser.get(stack.gatewayUrl().resolve("/#/snapshots").toString());
        WebDriverWait wait = new WebDriverWait(browser, LOAD);
        WebElement quarter = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("snapshot-quarter")));
        wait.until(driver -> quarter.findElements(By.cssSelector("option[value='2023-Q4']")).size() == 1);
        new org.openqa.selenium.support.ui.Select(quarter).selectByValue("2023-Q4");
        java.util.Set<String> before = new java.util.HashSet<>(snapshotIds());
        browser.findElement(By.id("snapshot-take")).click();
        String id = await().atMost(LOAD).ignoreExceptionsInstanceOf(org.openqa.selenium.WebDriverException.class)
                .until(() -> snapshotIds().stream().filter(candidate -> !before.contains(candidate)).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
        WebElement row = browser.findElement(By.cssSelector("#snapshots-table tr[data-snapshot-id='" + id + "']"));
        assertThat(row.getText()).contains("2023-Q4", "auditor");
        screenshot("snapshots");

        // the workbook, downloaded by the browser with its progress shown, is the API's byte for byte
        row.findElement(By.cssSelector("a.download[data-format='xlsx']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".export-line[data-format='xlsx'][data-state='DONE']")));
        Path file = DOWNLOADS.resolve(id + ".xlsx");
        await().atMost(LOAD).until(() -> Files.exists(file) && Files.size(file) > 0);
        screenshot("snapshots-exported");
        HttpResponse<byte[]> fromApi = HTTP.send(HttpRequest.newBuilder(stack.gatewayUrl().resolve("/api/scoring/snapshots/" + id + "/export.xlsx"))
                .header("Authorization", SharedStack.bearer("auditor-client")).timeout(Duration.ofSeconds(120)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fromApi.statusCode()).isEqualTo(200);
        assertThat(Files.readAllBytes(file)).isEqualTo(fromApi.body());
        assertThat(fromApi.body()).startsWith((byte) 'P', (byte) 'K');

        // the previous quarter's snapshot (taken through the API), then 与上季度对比 on the Q4 row: the seed forms' money
        // is dated 31 December, so each of them changed, figure by figure, with the events that did it
        HttpResponse<String> q3 = HTTP.send(HttpRequest.newBuilder(stack.gatewayUrl().resolve("/api/scoring/snapshots"))
                .header("Authorization", SharedStack.bearer("auditor-client")).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString("{\"quarter\":\"2023-Q3\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(q3.statusCode()).as(q3.body()).isEqualTo(201);
        browser.navigate().refresh();
        WebElement q4 = new WebDriverWait(browser, LOAD).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#snapshots-table tr[data-snapshot-id='" + id + "']")));
        q4.findElement(By.cssSelector("button[data-action='previous']")).click();
        WebElement diff = new WebDriverWait(browser, LOAD).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#snapshot-diff[data-ready='true']")));
        List<WebElement> changed = diff.findElements(By.cssSelector("article.change[data-change='CHANGED']"));
        assertThat(changed).as(diff.getText()).isNotEmpty();
        WebElement science = changed.stream().filter(c -> c.getText().contains("科普场馆运行保障经费")).findFirst().orElseThrow();
        assertThat(science.findElements(By.cssSelector(".diff-figures tr[data-field='funds.total.executed']"))).hasSize(1);
        assertThat(science.findElements(By.cssSelector(".diff-events tr[data-event-id]"))).isNotEmpty();
        assertThat(science.getText()).contains("3,229.53");
        // every column in sight: a changed goal text wraps instead of pushing 变化后 and 增减 off to the right
        WebElement increase = science.findElement(By.cssSelector(".diff-figures thead th:last-child"));
        assertThat(increase.getRect().getX() + increase.getRect().getWidth())
                .isLessThanOrEqualTo(science.getRect().getX() + science.getRect().getWidth());
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", science);
        Files.writeString(SCREENSHOTS.resolve("snapshots-diff.html"), science.getAttribute("outerHTML"));
        screenshot("snapshots-diff");
    }

    private List<String> snapshotIds() {
        return browser.findElements(By.cssSelector("#snapshots-table tr[data-snapshot-id]")).stream()
                .map(row -> row.getAttribute("data-snapshot-id")).toList();
    }

    // --- the browser ---------------------------------------------------------------------------------------------

    /** A fresh browser logged in as the demo user, on the overview. */
    private WebDriver loggedIn(String user) throws IOException {
        WebDriver driver = startBrowser();
        driver.get(stack.gatewayUrl().resolve("/").toString());
        WebDriverWait wait = new WebDriverWait(driver, LOAD);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password(user));
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.urlMatches("^" + java.util.regex.Pattern.quote(stack.gatewayUrl().toString().replaceAll("/$", ""))));
        return driver;
    }

    /** Debian's chromium and chromedriver; none on CI is a failure, elsewhere the test is skipped. */
    private static WebDriver startBrowser() throws IOException {
        Files.createDirectories(DOWNLOADS);
        File driver = new File(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
        File binary = new File(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        if (!driver.canExecute() || !binary.canExecute()) {
            String message = "no browser: install Debian's chromium and chromium-driver (" + binary + ", " + driver + ")";
            if (System.getenv("CI") != null) {
                fail(message);
            }
            assumeThat(driver.canExecute()).as(message).isTrue();
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1366,768", "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private WebElement overview() {
        return new WebDriverWait(browser, LOAD).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#overview-table[data-ready='true']")));
    }

    private WebElement rowOf(String projectId) {
        return new WebDriverWait(browser, LOAD).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#overview-table tr[data-project-id='" + projectId + "']")));
    }

    private static WebElement rowNamed(WebElement table, String name) {
        return table.findElements(By.cssSelector("tr[data-project-id]")).stream()
                .filter(row -> row.findElement(By.cssSelector("td.name")).getText().contains(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + name));
    }

    /** The department's totals row of this year's project-years (the totals are per department and year). */
    private String departmentTotal(String department) {
        By row = By.cssSelector("#department-totals tr[data-department='" + department + "'][data-year='"
                + LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() + "']");
        // the totals are re-rendered after each live line: read the row as it is at one moment
        return await().atMost(LOAD).ignoreExceptionsInstanceOf(org.openqa.selenium.WebDriverException.class)
                .until(() -> browser.findElement(row).getText(), text -> !text.isEmpty());
    }

    /** This year's 全年执行数 of the department (万元), from the API as the page reads it. */
    private static String departmentExecuted(String department) throws Exception {
        int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        HttpRequest request = HttpRequest.newBuilder(stack.gatewayUrl().resolve("/api/scoring/monitoring/departments?year=" + year
                        + "&department=" + java.net.URLEncoder.encode(department, StandardCharsets.UTF_8)))
                .header("Authorization", SharedStack.bearer("seed-loader")).timeout(Duration.ofSeconds(15)).build();
        JsonNode groups = JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body());
        return groups.path("groups").get(0).path("executed").asString();
    }

    /** 12345.60 as the page prints it: 12,345.60. */
    private static String grouped(String amount) {
        String[] parts = amount.split("\\.");
        return String.format(java.util.Locale.ROOT, "%,d", Long.parseLong(parts[0])) + (parts.length > 1 ? "." + parts[1] : "");
    }

    private String lastCurvePoint() {
        Object point = js("""
                const chart = echarts.getInstanceByDom(document.getElementById('execution-chart'));
                if (!chart) return '';
                const series = chart.getOption().series[0].data;
                return JSON.stringify(series[series.length - 1]);""");
        return String.valueOf(point);
    }

    private void setAsOf(LocalDate date) {
        WebElement input = browser.findElement(By.cssSelector("input[type=date]"));
        js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                input, date.toString());
    }

    private Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Polls the page until the condition holds; answers the moment it did (ms since the epoch), or fails at the bound. */
    private static long waitFor(Duration bound, java.util.function.BooleanSupplier condition) {
        // a row re-rendered under the test's hands (stale element) is looked up again at the next poll
        await().atMost(bound).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(40))
                .ignoreExceptionsInstanceOf(org.openqa.selenium.WebDriverException.class)
                .until(condition::getAsBoolean);
        return System.currentTimeMillis();
    }

    // --- the API, as the finance systems and the loader use it ---------------------------------------------------

    private static String password(String user) throws IOException {
        JsonNode credentials = JSON.readTree(Files.readString(stack.credentialsFile()));
        for (JsonNode entry : credentials.path("users")) {
            if (entry.path("id").asString().equals(user)) {
                return entry.path("password").asString();
            }
        }
        throw new IllegalStateException("no demo user " + user);
    }

    private static String openProjectYear(String code, String name, String department, String unit, int year) throws Exception {
        String unique = code + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        JsonNode registered = call("seed-loader", "/api/budget/projects", """
                {"code":"%s","name":"%s","department":"%s","implementingUnit":"%s","fiscalYear":%d}"""
                .formatted(unique, name.replace("\"", "\\\""), department, unit, year), 201);
        String id = registered.path("projectId").asString();
        call("seed-loader", "/api/budget/projects/" + id + "/initial-budgets", """
                {"fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"1000000.00","documentNumber":"沪财预〔%d〕1号"}""".formatted(year), 201);
        call("seed-loader", "/api/budget/projects/" + id + "/open", null, 200);
        return id;
    }

    /** Posts a payment dated today as finance-system-a; answers when its 201 arrived (ms since the epoch). */
    private static long pay(String projectId, String reference, String amount) throws Exception {
        call("finance-system-a", "/api/budget/projects/" + projectId + "/expenditures", """
                {"paymentReference":"%s","fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"%s","businessDate":"%s","payee":"某公司","voucherNumber":"V-%s"}"""
                .formatted(reference, amount, LocalDate.now(ZoneId.of("Asia/Shanghai")), reference), 201);
        return System.currentTimeMillis();
    }

    private static JsonNode call(String client, String path, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.gatewayUrl().resolve(path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", SharedStack.bearer(client)).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            request.POST(HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(expected);
        return answer.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(answer.body());
    }
}
