package io.jixiao.bench;

import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The data set of the dashboard benchmark (issue 13): brings the system to N project-years (5,000 by default) as the
 * monitoring list counts them, through the gateway as client {@code bench}. It counts what the list already reports
 * and adds the rest: registers, allocates 年初预算数 (当年财政拨款, sometimes 上年结转资金 and 其他资金), opens, and
 * posts payments dated from 1 January to today in batches. Each project-year is the {@code index}-th of a seed
 * ({@link #plan}): code {@code DL<seed>-<index>}, one of 20 Shanghai 主管部门 and their 100 实施单位, in the current
 * fiscal year (Asia/Shanghai), executed so that about 55% are green, 25% yellow and 20% red against the linear
 * 序时进度 of today. Index i is the same project-year whenever it is generated (for a given seed and day), so a
 * second run skips the ones already there and completes any left half-done.
 *
 * <p>Runs as the first step of the {@code dashboard} phase, or on its own: {@code bench/run.sh load
 * [--project-years 5000] [--seed 13] [--load-threads 4]} (with the gateway, token and credentials options of
 * {@link Benchmark}).
 */
public final class DashboardLoad {

    static final int DEFAULT_PROJECT_YEARS = 5000;
    static final long DEFAULT_SEED = 13;
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Payments per batch request (the API takes up to 5,000). */
    private static final int BATCH = 2000;
    private static final int ATTEMPTS = 8;

    record Department(String name, List<String> units, List<String> topics) {
    }

    /** 20 主管部门 of Shanghai with five 实施单位 each, and what their projects are about. */
    static final List<Department> DEPARTMENTS = List.of(
            new Department("上海市教育委员会",
                    List.of("上海市教育考试院", "上海市教育委员会教学研究室", "上海市电化教育馆", "上海市学生事务中心", "上海市终身教育研究院"),
                    List.of("中小学校舍修缮", "智慧校园建设", "教师专业发展培训", "学生体质健康监测", "职业教育实训基地建设", "教育信息化平台运维")),
            new Department("上海市卫生健康委员会",
                    List.of("上海市疾病预防控制中心", "上海市卫生健康信息中心", "上海市医疗急救中心", "上海市血液中心", "上海市卫生健康委员会监督所"),
                    List.of("公共卫生应急能力提升", "基层医疗卫生设备购置", "传染病监测预警", "院前急救网络建设", "无偿献血宣传招募", "健康城市建设")),
            new Department("上海市科学技术委员会",
                    List.of("上海科技馆", "上海市科学技术交流中心", "上海市科技人才发展中心", "上海市科学学研究所", "上海市科技创业中心"),
                    List.of("科普场馆展教更新", "科技创新券兑付", "重点实验室运行补助", "青年科技人才培养", "科技成果转化服务", "科研仪器共享平台")),
            new Department("上海市文化和旅游局",
                    List.of("上海图书馆", "上海博物馆", "上海市群众艺术馆", "上海市文化市场行政执法总队", "上海大剧院艺术中心"),
                    List.of("公共文化服务配送", "文物保护修缮", "古籍数字化", "非物质文化遗产传承保护", "文化惠民演出", "旅游公共服务设施")),
            new Department("上海市体育局",
                    List.of("上海市体育科学研究所", "上海市社会体育管理中心", "上海市青少年体育选材育才中心", "上海市体育训练基地管理中心", "上海体育场管理中心"),
                    List.of("全民健身设施建设", "市民运动会组织", "青少年体育培训", "竞技体育训练保障", "体育场馆维修", "体育赛事承办")),
            new Department("上海市民政局",
                    List.of("上海市第一社会福利院", "上海市救助管理站", "上海市养老服务指导中心", "上海市婚姻收养登记管理中心", "上海市社会组织服务中心"),
                    List.of("养老服务补贴", "社区养老服务设施", "困难群众临时救助", "儿童福利保障", "社会组织培育", "殡葬服务改革")),
            new Department("上海市交通委员会",
                    List.of("上海市道路运输管理局", "上海市城乡建设和交通发展研究院", "上海市交通委员会执法总队", "上海市交通委员会指挥中心", "上海市港航事业发展中心"),
                    List.of("公交线网优化", "道路大中修", "交通信息化建设", "慢行交通改善", "内河航道养护", "交通执法装备更新")),
            new Department("上海市生态环境局",
                    List.of("上海市环境监测中心", "上海市固体废物与化学品管理技术中心", "上海市辐射环境安全技术中心", "上海市生态环境局执法总队", "上海市环境科学研究院"),
                    List.of("大气污染防治", "水环境监测网络运维", "土壤污染防治", "生态环境执法能力建设", "危险废物监管", "碳达峰碳中和研究")),
            new Department("上海市农业农村委员会",
                    List.of("上海市农业技术推广服务中心", "上海市动物疫病预防控制中心", "上海市农业科学院", "上海市农业综合行政执法总队", "上海市农产品质量安全中心"),
                    List.of("高标准农田建设", "动物疫病防控", "农业科技推广", "美丽乡村建设", "农产品质量安全监测", "绿色种养循环")),
            new Department("上海市水务局",
                    List.of("上海市供水管理事务中心", "上海市排水管理事务中心", "上海市堤防泵闸建设运行中心", "上海市水文总站", "上海市水务局执法总队"),
                    List.of("防汛排涝设施改造", "河湖水系整治", "供水管网更新", "水文监测站网建设", "海塘维修加固", "节水型社会建设")),
            new Department("上海市绿化和市容管理局",
                    List.of("上海植物园", "上海辰山植物园", "上海市绿化指导站", "上海市市容景观事务中心", "上海市林业总站"),
                    List.of("公园绿地改造", "城市景观照明", "生活垃圾分类", "林业有害生物防治", "绿道建设", "古树名木保护")),
            new Department("上海市公安局",
                    List.of("上海市公安局交通警察总队", "上海市公安局出入境管理局", "上海市公安局刑事侦查总队", "上海市公安局治安总队", "上海市公安局信息通信总队"),
                    List.of("智慧公安建设", "交通信号系统改造", "视频监控联网", "出入境服务大厅改造", "警用装备购置", "反电信网络诈骗宣传")),
            new Department("上海市司法局",
                    List.of("上海市法律援助中心", "上海市监狱管理局", "上海市戒毒管理局", "上海市社区矫正管理局", "上海市司法局信息中心"),
                    List.of("法律援助服务", "公共法律服务平台", "监所安防改造", "社区矫正信息化", "法治宣传教育", "人民调解")),
            new Department("上海市人力资源和社会保障局",
                    List.of("上海市就业促进中心", "上海市社会保险事业管理中心", "上海市职业技能鉴定中心", "上海市人才服务中心", "上海市劳动人事争议仲裁院"),
                    List.of("职业技能提升培训", "就业困难人员援助", "社保经办系统升级", "高层次人才引进", "劳动人事争议仲裁信息化", "创业孵化基地")),
            new Department("上海市住房和城乡建设管理委员会",
                    List.of("上海市建设工程安全质量监督总站", "上海市房屋管理局", "上海市城市更新中心", "上海市建筑建材业市场管理总站", "上海市住房保障事务中心"),
                    List.of("旧住房成套改造", "保障性住房建设", "建筑工地安全监管", "城市更新试点", "既有多层住宅加装电梯", "燃气管网改造")),
            new Department("上海市商务委员会",
                    List.of("上海市商务发展研究中心", "上海市外国投资促进中心", "上海市酒类专卖管理局", "上海市商务委员会信息中心", "上海市电子商务促进中心"),
                    List.of("消费促进活动", "外贸企业稳岗", "跨境电商平台", "商业网点规划", "早餐工程", "老字号品牌振兴")),
            new Department("上海市经济和信息化委员会",
                    List.of("上海市经济信息中心", "上海市中小企业发展服务中心", "上海市无线电管理局", "上海市信息安全测评认证中心", "上海市节能监察中心"),
                    List.of("中小企业数字化转型", "工业互联网平台", "无线电频谱监测", "节能降碳改造", "5G应用示范", "产业园区能级提升")),
            new Department("上海市市场监督管理局",
                    List.of("上海市质量和标准化研究院", "上海市计量测试技术研究院", "上海市食品药品检验研究院", "上海市市场监督管理局执法总队", "上海市特种设备监督检验技术研究院"),
                    List.of("食品安全抽检", "计量检定能力建设", "特种设备安全监察", "标准化战略实施", "知识产权保护", "市场监管执法装备")),
            new Department("上海市应急管理局",
                    List.of("上海市应急管理事务中心", "上海市消防救援总队", "上海市安全生产科学研究所", "上海市应急管理局执法总队", "上海市地震局"),
                    List.of("应急物资储备", "安全生产监管信息化", "综合减灾示范社区", "消防装备更新", "地震监测台网", "应急救援演练")),
            new Department("上海市规划和自然资源局",
                    List.of("上海市测绘院", "上海市地质调查研究院", "上海市城市规划设计研究院", "上海市不动产登记局", "上海市土地储备中心"),
                    List.of("国土空间规划编制", "不动产登记便民服务", "基础测绘更新", "地质灾害监测", "耕地保护", "城市地下空间普查")));

    private static final List<String> DISTRICTS = List.of("浦东新区", "黄浦区", "徐汇区", "长宁区", "静安区", "普陀区", "虹口区",
            "杨浦区", "闵行区", "宝山区", "嘉定区", "金山区", "松江区", "青浦区", "奉贤区", "崇明区");
    private static final List<String> PHASES = List.of("（一期）", "（二期）", "（三期）");
    private static final List<String> FIRMS = List.of("申通", "浦江", "东方", "明德", "长江", "海纳", "金桥", "新元", "博远", "华东",
            "同济", "汇智", "启航", "蓝海", "中建", "天成", "锦绣", "复兴", "卓越", "恒信");
    private static final List<String> TRADES = List.of("科技", "建设工程", "信息技术", "教育科技", "医疗器械", "环境工程",
            "文化传媒", "物业管理", "软件", "设备安装", "咨询", "印务");

    enum Intent { GREEN, YELLOW, RED }

    record Budget(String fundSource, long cents, String documentNumber) {
    }

    record Payment(String reference, String fundSource, long cents, LocalDate businessDate, String payee, String voucher) {
    }

    /** The index-th project-year of a seed, as planned for {@code today}. */
    record ProjectYear(int index, String code, String name, String department, String unit, int fiscalYear,
                       Intent intent, double targetRate, List<Budget> budgets, List<Payment> payments) {

        String projectId() {
            return fiscalYear + "-" + code;
        }

        long budgetCents() {
            return budgets.stream().mapToLong(Budget::cents).sum();
        }

        long executedCents() {
            return payments.stream().mapToLong(Payment::cents).sum();
        }
    }

    /**
     * @param target           the project-years the monitoring list should report
     * @param before           what it reported first
     * @param created          project-years registered by this run
     * @param completed        project-years of an earlier, interrupted run finished by this one
     * @param after            what the list reported at the end
     * @param reached          whether it reached the target within the bound
     * @param recorded         payments recorded (duplicates of an earlier run not counted)
     * @param rejected         payments refused
     * @param failures         project-years whose setup failed
     * @param seconds          from the first request until the list reported the target (or the bound)
     * @param statusCounts     green, yellow and red over every project-year, from the department totals
     */
    record Result(int target, int before, int created, int completed, int after, boolean reached, long recorded,
                  long rejected, int failures, double seconds, Map<String, Long> statusCounts) {
    }

    private final Api api;
    private final int target;
    private final long seed;
    private final int threads;

    DashboardLoad(Api api, int target, long seed, int threads) {
        this.api = api;
        this.target = target;
        this.seed = seed;
        this.threads = Math.max(1, threads);
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("bench.log", "warn"));
        Benchmark.Options o = Benchmark.options(args);
        Api api = new Api(o.gateway(), o.tokenUri(), o.credentials());
        Report report = new Report();
        new DashboardLoad(api, o.projectYears(), o.seed(), o.loadThreads()).run(report);
    }

    static String code(long seed, int index) {
        return String.format(Locale.ROOT, "DL%d-%05d", seed, index);
    }

    /** The linear 序时进度 at the end of {@code day} (the default of every shipped rule set), in percent. */
    static double linearBenchmark(LocalDate day) {
        return 100.0 * day.getDayOfYear() / day.lengthOfYear();
    }

    /** The index-th project-year of the seed: the same for the same seed, index and day. */
    static ProjectYear plan(long seed, int index, LocalDate today) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        int year = today.getYear();
        Department d = DEPARTMENTS.get(r.nextInt(DEPARTMENTS.size()));
        String unit = d.units().get(r.nextInt(d.units().size()));
        String name = year + "年" + (r.nextInt(3) == 0 ? DISTRICTS.get(r.nextInt(DISTRICTS.size())) : "")
                + d.topics().get(r.nextInt(d.topics().size())) + (r.nextInt(4) == 0 ? PHASES.get(r.nextInt(PHASES.size())) : "")
                + "项目";
        String code = code(seed, index);
        // 30万 to 3,000万 元, log-uniform, in whole thousands
        long total = roundThousand(Math.exp(Math.log(300_000) + r.nextDouble() * (Math.log(30_000_000) - Math.log(300_000))));
        List<Budget> budgets = new ArrayList<>();
        long carryover = r.nextDouble() < 0.3 ? roundThousand(total * (0.1 + 0.3 * r.nextDouble())) : 0;
        long other = r.nextDouble() < 0.15 ? roundThousand(total * (0.05 + 0.15 * r.nextDouble())) : 0;
        long appropriation = Math.max(1000, total - carryover - other);
        int doc = 100 + r.nextInt(900);
        budgets.add(new Budget("CURRENT_YEAR_APPROPRIATION", appropriation * 100, "沪财预〔" + year + "〕" + doc + "号"));
        if (carryover > 0) {
            budgets.add(new Budget("PRIOR_YEAR_CARRYOVER", carryover * 100, "沪财预〔" + year + "〕" + (doc + 1) + "号"));
        }
        if (other > 0) {
            budgets.add(new Budget("OTHER_FUNDS", other * 100, unit + "〔" + year + "〕" + (1 + r.nextInt(60)) + "号"));
        }
        // the rate aimed at, against the linear benchmark of today (green down to 5 points behind, yellow to 15)
        double benchmark = linearBenchmark(today);
        double u = r.nextDouble();
        Intent intent = u < 0.55 ? Intent.GREEN : u < 0.80 ? Intent.YELLOW : Intent.RED;
        double rate = switch (intent) {
            case GREEN -> benchmark - 4.5 + r.nextDouble() * (4.5 + Math.min(8, 100 - benchmark));
            case YELLOW -> benchmark - 5.5 - 9 * r.nextDouble();
            case RED -> benchmark - 16 - r.nextDouble() * Math.max(0.5, benchmark - 16);
        };
        rate = Math.max(0, Math.min(100, rate));
        int days = today.getDayOfYear();
        List<Payment> payments = new ArrayList<>();
        for (Budget b : budgets) {
            long executed = Math.round(b.cents() * rate / 100);
            int n = (int) Math.max(1, Math.min(2 + r.nextInt(11), executed / 100));
            if (executed < 100) {
                continue;
            }
            double[] weights = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                weights[i] = 0.2 + r.nextDouble();
                sum += weights[i];
            }
            long left = executed;
            List<LocalDate> dates = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                dates.add(LocalDate.of(year, 1, 1).plusDays(r.nextInt(days)));
            }
            dates.sort(Comparator.naturalOrder());
            String short_ = switch (b.fundSource()) {
                case "CURRENT_YEAR_APPROPRIATION" -> "A";
                case "PRIOR_YEAR_CARRYOVER" -> "C";
                default -> "O";
            };
            for (int i = 0; i < n; i++) {
                long cents = i == n - 1 ? left : Math.max(100, Math.min(left - 100L * (n - 1 - i), Math.round(executed * weights[i] / sum)));
                left -= cents;
                LocalDate date = dates.get(i);
                String payee = "上海" + FIRMS.get(r.nextInt(FIRMS.size())) + TRADES.get(r.nextInt(TRADES.size())) + "有限公司";
                String voucher = String.format(Locale.ROOT, "记-%02d-%04d", date.getMonthValue(), 1 + r.nextInt(9999));
                payments.add(new Payment(code + "-" + short_ + i, b.fundSource(), cents, date, payee, voucher));
            }
        }
        return new ProjectYear(index, code, name, d.name(), unit, year, intent, rate, List.copyOf(budgets), List.copyOf(payments));
    }

    private static long roundThousand(double yuan) {
        return Math.max(1, Math.round(yuan / 1000)) * 1000;
    }

    static String yuan(long cents) {
        return String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
    }

    // --- the run ----------------------------------------------------------------------------------------------------

    Result run(Report report) throws Exception {
        long t0 = System.nanoTime();
        LocalDate today = LocalDate.now(SHANGHAI);
        long first = System.nanoTime();
        int before = monitoringTotal();
        double firstListMs = (System.nanoTime() - first) / 1e6;
        int needed = Math.max(0, target - before);
        System.out.println("  load: the monitoring list reports " + before + " project-years (" + Math.round(firstListMs)
                + " ms); target " + target
                + (needed == 0 ? ", nothing to add" : ", adding " + needed + " (seed " + seed + ", " + threads + " threads)"));
        Map<String, String> existing = needed == 0 ? Map.of() : existing(today.getYear());
        ConcurrentLinkedQueue<ProjectYear> todo = new ConcurrentLinkedQueue<>();
        int toCreate = 0;
        int toComplete = 0;
        for (int i = 0; toCreate < needed && i < needed + existing.size() + 1; i++) {
            ProjectYear p = plan(seed, i, today);
            String status = existing.get(p.projectId());
            if (status == null) {
                todo.add(p);
                toCreate++;
            } else if (status.equals("REGISTERED")) {
                todo.add(p);
                toComplete++;
            }
        }
        AtomicInteger created = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicLong recorded = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicInteger done = new AtomicInteger();
        int all = todo.size();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads && all > 0; t++) {
            Thread worker = new Thread(() -> {
                List<String> buffer = new ArrayList<>();
                ProjectYear p;
                while ((p = todo.poll()) != null) {
                    try {
                        boolean fresh = setUp(p);
                        (fresh ? created : completed).incrementAndGet();
                        for (Payment payment : p.payments()) {
                            buffer.add(batchItem(p.projectId(), payment));
                        }
                        if (buffer.size() >= BATCH) {
                            postBatch(buffer, recorded, rejected);
                        }
                    } catch (Exception e) {
                        if (failures.incrementAndGet() <= 5) {
                            System.out.println("  load: " + p.projectId() + " failed: " + e.getMessage());
                        }
                    }
                    int n = done.incrementAndGet();
                    if (n % 500 == 0) {
                        System.out.printf(Locale.ROOT, "  load: %,d/%,d project-years, %.0f s%n", n, all, (System.nanoTime() - t0) / 1e9);
                    }
                }
                try {
                    postBatch(buffer, recorded, rejected);
                } catch (Exception e) {
                    failures.incrementAndGet();
                    System.out.println("  load: a batch failed: " + e.getMessage());
                }
            }, "load-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        double posted = (System.nanoTime() - t0) / 1e9;
        // the read model has them once the monitoring list counts them all (bounded)
        int after = monitoringTotal();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (after < target && System.nanoTime() < deadline) {
            TimeUnit.SECONDS.sleep(1);
            after = monitoringTotal();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Long> statuses = awaitQuiet();
        Result result = new Result(target, before, created.get(), completed.get(), after, after >= target, recorded.get(),
                rejected.get(), failures.get(), seconds, statuses);
        Map<String, Object> s = report.section("dashboardLoad");
        s.put("target", target);
        s.put("seed", seed);
        s.put("threads", threads);
        s.put("before", before);
        s.put("firstListRequestMs", Report.round(firstListMs, 1));
        s.put("created", result.created());
        s.put("completed", result.completed());
        s.put("after", after);
        s.put("reached", result.reached());
        s.put("paymentsRecorded", result.recorded());
        s.put("paymentsRejected", result.rejected());
        s.put("failures", result.failures());
        s.put("postingSeconds", Report.round(posted, 1));
        s.put("seconds", Report.round(seconds, 1));
        s.put("statuses", statuses);
        report.row("dashboard data set: project-years in the monitoring list", String.format(Locale.ROOT, "%,d", after),
                "target " + String.format(Locale.ROOT, "%,d", target) + (result.reached() ? "" : " NOT reached within 5 min")
                        + "; " + before + " before, " + result.created() + " registered and " + result.completed()
                        + " completed by this run in " + Report.f(seconds) + " s (" + result.recorded() + " payments recorded, "
                        + result.rejected() + " refused, " + result.failures() + " failures); green " + statuses.get("green")
                        + ", yellow " + statuses.get("yellow") + ", red " + statuses.get("red"));
        return result;
    }

    /** Registers, allocates and opens; false when it was there already (an earlier run's, finished now). */
    private boolean setUp(ProjectYear p) throws IOException, InterruptedException {
        HttpResponse<String> r = send("/api/budget/projects", """
                {"code":"%s","name":"%s","department":"%s","implementingUnit":"%s","fiscalYear":%d}"""
                .formatted(p.code(), p.name(), p.department(), p.unit(), p.fiscalYear()));
        boolean fresh = r.statusCode() == 201;
        if (!fresh && !(r.statusCode() == 409 && r.body().contains("already-exists"))) {
            throw new IllegalStateException("register -> " + r.statusCode() + ": " + r.body());
        }
        for (Budget b : p.budgets()) {
            r = send("/api/budget/projects/" + p.projectId() + "/initial-budgets", """
                    {"fundSource":"%s","amount":"%s","documentNumber":"%s"}""".formatted(b.fundSource(), yuan(b.cents()), b.documentNumber()));
            // 409: allocated by the earlier run; 422 frozen: it was opened already
            if (r.statusCode() != 201 && (fresh || (r.statusCode() != 409 && r.statusCode() != 422))) {
                throw new IllegalStateException("initial budget -> " + r.statusCode() + ": " + r.body());
            }
        }
        r = send("/api/budget/projects/" + p.projectId() + "/open", "");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("open -> " + r.statusCode() + ": " + r.body());
        }
        return fresh;
    }

    private static String batchItem(String projectId, Payment p) {
        return """
                {"projectId":"%s","paymentReference":"%s","fundSource":"%s","amount":"%s","businessDate":"%s","payee":"%s","voucherNumber":"%s"}"""
                .formatted(projectId, p.reference(), p.fundSource(), yuan(p.cents()), p.businessDate(), p.payee(), p.voucher());
    }

    private void postBatch(List<String> items, AtomicLong recorded, AtomicLong rejected) throws IOException, InterruptedException {
        if (items.isEmpty()) {
            return;
        }
        HttpResponse<String> r = send("/api/budget/expenditures/batch", "{\"payments\":[" + String.join(",", items) + "]}");
        if (r.statusCode() != 200) {
            rejected.addAndGet(items.size());
            throw new IllegalStateException("batch of " + items.size() + " -> " + r.statusCode() + ": " + r.body());
        }
        JsonNode answer = Api.JSON.readTree(r.body());
        recorded.addAndGet(answer.path("accepted").asLong());
        long refused = answer.path("rejected").asLong();
        if (refused > 0 && rejected.get() == 0) {
            for (JsonNode item : answer.path("results")) {
                if ("REJECTED".equals(item.path("outcome").asString())) {
                    System.out.println("  load: a payment was refused: " + item);
                    break;
                }
            }
        }
        rejected.addAndGet(refused);
        items.clear();
    }

    /** A POST that waits out back-pressure (503 relay-behind) and the rate limit (429), a bounded number of times. */
    private HttpResponse<String> send(String path, String body) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> r;
            try {
                r = api.post(path, body);
            } catch (IOException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                TimeUnit.SECONDS.sleep(attempt);
                continue;
            }
            if ((r.statusCode() == 503 || r.statusCode() == 429) && attempt < ATTEMPTS) {
                long wait = r.headers().firstValue("Retry-After").map(Long::parseLong).orElse((long) attempt);
                TimeUnit.SECONDS.sleep(Math.min(10, Math.max(1, wait)));
                continue;
            }
            return r;
        }
    }

    /** What the monitoring list reports: every project-year within the bench client's reach (all departments). */
    int monitoringTotal() throws IOException, InterruptedException {
        return api.get("/api/scoring/monitoring?page=0&size=1").path("total").asInt();
    }

    /** The project-years of this seed registered already in the year, with their status (REGISTERED, OPEN, CLOSED). */
    private Map<String, String> existing(int year) throws IOException, InterruptedException {
        Map<String, String> found = new HashMap<>();
        String prefix = "DL" + seed + "-";
        String after = null;
        while (true) {
            JsonNode page = api.get("/api/budget/projects?fiscalYear=" + year + "&limit=500"
                    + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8)));
            if (!page.isArray() || page.isEmpty()) {
                return found;
            }
            for (JsonNode entry : page) {
                after = entry.path("projectId").asString();
                if (entry.path("code").asString().startsWith(prefix)) {
                    found.put(after, entry.path("status").asString());
                }
            }
            if (page.size() < 500) {
                return found;
            }
        }
    }

    /**
     * Waits (at most 3 minutes) until the department totals stop changing, i.e. the read model has applied every
     * payment posted; answers the green, yellow and red counts over all project-years.
     */
    Map<String, Long> awaitQuiet() throws IOException, InterruptedException {
        String last = null;
        int same = 0;
        Map<String, Long> counts = new LinkedHashMap<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            JsonNode groups = api.get("/api/scoring/monitoring/departments?by=DEPARTMENT").path("groups");
            StringBuilder signature = new StringBuilder();
            long green = 0;
            long yellow = 0;
            long red = 0;
            for (JsonNode g : groups) {
                signature.append(g.path("department").asString()).append(g.path("fiscalYear").asInt())
                        .append(g.path("projectYears").asInt()).append(g.path("executed").asString()).append(';');
                green += g.path("green").asLong();
                yellow += g.path("yellow").asLong();
                red += g.path("red").asLong();
            }
            counts = new LinkedHashMap<>();
            counts.put("green", green);
            counts.put("yellow", yellow);
            counts.put("red", red);
            counts.put("groups", (long) groups.size());
            same = signature.toString().equals(last) ? same + 1 : 0;
            if (same >= 2) {
                return counts;
            }
            last = signature.toString();
            TimeUnit.SECONDS.sleep(1);
        }
        System.out.println("  load: the department totals still changed after 3 minutes");
        return counts;
    }
}
