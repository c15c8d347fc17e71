package io.jixiao.deploy;

import io.jixiao.contracts.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container manifests ({@code deploy/compose.yaml}, {@code deploy/k8s/*.yaml}) against what they deploy: each
 * service's {@code application.yml}, its pom's image name, the launcher's environment ({@link ServiceProcesses}),
 * the topics ({@link Topics}, the relays' {@code jixiao.relay.topic}) and the metrics scoring-service registers.
 * Nothing expected is written here: every value compared comes out of those files. Each test collects every problem
 * it finds and fails on the first non-empty list, naming the file and the service.
 */
class ManifestsTest {

    /** {@code ${NAME}} or {@code ${NAME:default}} in an application.yml; only environment-style names. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    private static final Pattern URL = Pattern.compile("(?:https?|jdbc:postgresql)://([A-Za-z0-9.-]+):(\\d+)(/[^\\s\"',]*)?");
    private static final String ACTUATOR_HEALTH = "/actuator/health";

    private static Path root;
    private static final Map<Service, Module> modules = new EnumMap<>(Service.class);

    /** What one service is, read from its own files and from the launcher. */
    record Module(Service service, Map<String, String> properties, int port, Set<String> healthPaths,
                  Map<String, String> placeholders, Set<String> allowedEnv, Set<String> requiredEnv,
                  Set<String> dataEnv, String image, Optional<String> database) {
    }

    @BeforeAll
    static void readServices() throws Exception {
        root = EndToEndTest.repositoryRoot();
        boolean probesByDefault = springBootMajor() >= 4;
        Path launcherVar = Path.of("var");
        Map<Service, URI> everywhere = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            everywhere.put(s, URI.create("http://" + s.module() + ":" + s.defaultPort()));
        }
        Identity identity = Identity.embedded(everywhere.get(Service.AUTH_SERVER), launcherVar, Map.of());
        Map<Service, String> secrets = new EnumMap<>(Service.class);
        Identity.CALLING_SERVICES.forEach(s -> secrets.put(s, "secret"));
        for (Service service : Service.values()) {
            Path yml = root.resolve(service.module()).resolve("src/main/resources/application.yml");
            String text = Files.readString(yml);
            Map<String, String> properties = flatten(new Yaml().load(text));
            Map<String, String> placeholders = new LinkedHashMap<>();
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                placeholders.putIfAbsent(m.group(1), m.group(2));
            }
            int port = Integer.parseInt(defaultOf(properties.get("server.port"), "server.port of " + service.module()));

            Set<String> health = new TreeSet<>();
            String exposed = properties.getOrDefault("management.endpoints.web.exposure.include", "");
            if (List.of(exposed.split("\\s*,\\s*")).contains("health")) {
                health.add(ACTUATOR_HEALTH);
                properties.keySet().stream().filter(k -> k.startsWith("management.endpoint.health.group."))
                        .map(k -> k.substring("management.endpoint.health.group.".length()).split("\\.")[0])
                        .forEach(group -> health.add(ACTUATOR_HEALTH + "/" + group));
                // Spring Boot 4 turns the liveness and readiness groups on unless this is false (its
                // AvailabilityProbesAutoConfiguration matches when the property is missing); earlier versions only when true
                String probes = properties.get("management.endpoint.health.probes.enabled");
                if ("true".equals(probes) || (probes == null && probesByDefault)) {
                    health.add(ACTUATOR_HEALTH + "/liveness");
                    health.add(ACTUATOR_HEALTH + "/readiness");
                }
            }

            Map<String, String> launcher = ServiceProcesses.environment(service, service.defaultPort(), "kafka:9092",
                    service.database().map(db -> new DatabaseTarget("jdbc:postgresql://db:5432/" + db, "user", "password", true)),
                    everywhere, Optional.of(identity), secrets, launcherVar);
            Set<String> allowed = new TreeSet<>(placeholders.keySet());
            allowed.addAll(launcher.keySet());
            Set<String> required = new TreeSet<>();
            // no default, an empty one, or this machine's loopback (another container's or pod's own): must be set
            placeholders.forEach((name, def) -> {
                if (def == null || def.isBlank() || def.contains("127.0.0.1") || def.contains("localhost")) {
                    required.add(name);
                }
            });
            // What the launcher keeps in its data directory must have a place that outlives the container. The
            // launcher also hands scoring-service the event chain's key file, though only a service with an Axon event
            // store has a chain (platform's IntegrityAutoConfiguration needs its CommitOrderedJpaEventStorageEngine):
            // that one is needed only where application.yml configures Axon.
            boolean eventStore = properties.keySet().stream().anyMatch(k -> k.startsWith("axon."));
            Set<String> data = launcher.entrySet().stream()
                    .filter(e -> Path.of(e.getValue().contains(":") ? "-" : e.getValue()).startsWith(launcherVar))
                    .map(Map.Entry::getKey)
                    .filter(name -> eventStore || !name.startsWith("JIXIAO_INTEGRITY_"))
                    .collect(Collectors.toCollection(TreeSet::new));
            required.addAll(data);

            Optional<String> database = Optional.ofNullable(properties.get("spring.datasource.url"))
                    .map(url -> lastSegment(defaultOf(url, "spring.datasource.url of " + service.module())));
            modules.put(service, new Module(service, properties, port, health, placeholders, allowed, required, data,
                    imageName(root.resolve(service.module()).resolve("pom.xml")), database));
        }
    }

    @Test
    void theServicesOwnFilesAgreeWithTheLauncher() {
        List<String> problems = new ArrayList<>();
        for (Module module : modules.values()) {
            if (module.port() != module.service().defaultPort()) {
                problems.add(module.service().module() + ": application.yml's server.port " + module.port()
                        + ", the launcher's " + module.service().defaultPort());
            }
            if (!module.database().equals(module.service().database())) {
                problems.add(module.service().module() + ": application.yml's database " + module.database()
                        + ", the launcher's " + module.service().database());
            }
            if (!module.healthPaths().contains(ACTUATOR_HEALTH)) {
                problems.add(module.service().module() + ": the health endpoint is not exposed");
            }
        }
        assertThat(problems).isEmpty();
    }

    // --- compose ---------------------------------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsEveryServiceAsItIsConfigured() throws IOException {
        Path file = root.resolve("deploy/compose.yaml");
        Map<String, Object> compose = new Yaml().load(Files.readString(file));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        Set<String> createdDatabases = createdDatabases(root.resolve("deploy/postgres/create-databases.sql"));
        List<String> problems = new ArrayList<>();
        Map<String, Module> byName = new LinkedHashMap<>();
        services.forEach((name, spec) -> moduleOfImage((String) spec.get("image")).ifPresent(m -> byName.put(name, m)));
        checkEachServiceOnce(byName, "compose.yaml", problems);

        Set<String> healthChecked = new TreeSet<>();
        services.forEach((name, spec) -> {
            String where = "compose.yaml " + name;
            String image = (String) spec.get("image");
            if (image != null && image.startsWith("jixiao/") && !byName.containsKey(name)) {
                problems.add(where + ": image " + image + " is none of the services' poms' image names");
            }
            Module module = byName.get(name);
            Map<String, String> env = composeEnvironment(spec.get("environment"));
            if (module != null) {
                for (Object port : (List<Object>) spec.getOrDefault("ports", List.of())) {
                    String mapping = String.valueOf(port);
                    int container = Integer.parseInt(mapping.substring(mapping.lastIndexOf(':') + 1).replaceAll("/.*", ""));
                    if (container != module.port()) {
                        problems.add(where + ": container port " + container + ", server.port is " + module.port());
                    }
                }
                checkEnvironment(where, module, env, problems);
                List<String> mounts = ((List<Object>) spec.getOrDefault("volumes", List.of())).stream()
                        .map(v -> String.valueOf(v).split(":")[1]).toList();
                checkDataOnVolumes(where, module, env, mounts, problems);
                checkDatabase(where, module, env, createdDatabases, "postgres", problems);
            }
            // every address of a service, in any variable or health check, uses its port and (health) a real path
            List<String> texts = new ArrayList<>(env.values());
            Object healthcheck = spec.get("healthcheck");
            List<String> probeTexts = new ArrayList<>();
            if (healthcheck instanceof Map<?, ?> hc && hc.get("test") != null) {
                Object test = hc.get("test");
                probeTexts.add(test instanceof List<?> parts ? parts.stream().map(String::valueOf).collect(Collectors.joining(" "))
                        : String.valueOf(test));
            }
            for (String text : texts) {
                checkAddresses(where, resolveCompose(text), byName, services.keySet(), false, healthChecked, problems);
            }
            for (String text : probeTexts) {
                checkAddresses(where + " healthcheck", resolveCompose(text), byName, services.keySet(), true, healthChecked, problems);
            }
        });
        byName.forEach((name, module) -> {
            if (!healthChecked.contains(name)) {
                problems.add("compose.yaml " + name + ": no healthcheck asks its actuator health");
            }
        });
        assertThat(problems).as(file.toString()).isEmpty();
    }

    // --- kubernetes ------------------------------------------------------------------------------------------

    @Test
    void theKustomizationListsEveryManifest() throws IOException {
        Path dir = root.resolve("deploy/k8s");
        Map<String, Object> kustomization = new Yaml().load(Files.readString(dir.resolve("kustomization.yaml")));
        @SuppressWarnings("unchecked")
        Set<String> listed = new TreeSet<>((List<String>) kustomization.get("resources"));
        Set<String> present;
        try (Stream<Path> files = Files.list(dir)) {
            present = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
                    .filter(n -> !n.startsWith("kustomization.")).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(listed).as("resources of deploy/k8s/kustomization.yaml").isEqualTo(present);
    }

    @Test
    void everyDeploymentRunsItsServiceAsItIsConfigured() throws IOException {
        List<Map<String, Object>> docs = k8sDocuments();
        Map<String, Map<String, String>> configMaps = new LinkedHashMap<>();
        for (Map<String, Object> doc : of(docs, "ConfigMap")) {
            Map<String, String> data = new LinkedHashMap<>();
            map(doc, "data").forEach((k, v) -> data.put(k, String.valueOf(v)));
            configMaps.put(name(doc), data);
        }
        Set<String> databases = of(docs, "Database").stream().map(d -> str(map(d, "spec"), "name")).collect(Collectors.toSet());
        Set<String> clusters = of(docs, "Cluster").stream().map(ManifestsTest::name).collect(Collectors.toSet());
        for (Map<String, Object> database : of(docs, "Database")) {
            assertThat(clusters).as("the cluster of Database " + name(database)).contains(str(map(map(database, "spec"), "cluster"), "name"));
        }
        // the Service in front of each Deployment: by the pod labels it selects
        List<Map<String, Object>> k8sServices = of(docs, "Service");
        List<String> problems = new ArrayList<>();
        Map<String, Module> byDeployment = new LinkedHashMap<>();
        Map<String, Module> byServiceName = new LinkedHashMap<>();
        Map<String, Integer> servicePorts = new LinkedHashMap<>();
        Map<String, Map<String, String>> envByDeployment = new LinkedHashMap<>();

        for (Map<String, Object> deployment : of(docs, "Deployment")) {
            String where = "Deployment " + name(deployment);
            Map<String, Object> pod = map(map(deployment, "spec"), "template");
            List<Map<String, Object>> containers = list(map(pod, "spec"), "containers");
            for (Map<String, Object> container : containers) {
                Optional<Module> found = moduleOfImage(str(container, "image"));
                if (found.isEmpty()) {
                    problems.add(where + ": image " + str(container, "image") + " is none of the services' poms' image names");
                    continue;
                }
                Module module = found.get();
                byDeployment.put(name(deployment), module);
                Map<String, Integer> named = new LinkedHashMap<>();
                for (Map<String, Object> port : list(container, "ports")) {
                    int number = ((Number) port.get("containerPort")).intValue();
                    if (port.get("name") != null) {
                        named.put(str(port, "name"), number);
                    }
                    if (number != module.port()) {
                        problems.add(where + ": containerPort " + number + ", server.port is " + module.port());
                    }
                }
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    Map<String, Object> spec = map(container, probe);
                    if (spec.isEmpty()) {
                        if (!probe.equals("startupProbe")) {
                            problems.add(where + ": no " + probe);
                        }
                        continue;
                    }
                    Map<String, Object> get = map(spec, "httpGet");
                    Integer port = resolvePort(get.get("port"), named);
                    if (port == null || port != module.port()) {
                        problems.add(where + ": " + probe + " on port " + get.get("port") + ", server.port is " + module.port());
                    }
                    if (!module.healthPaths().contains(str(get, "path"))) {
                        problems.add(where + ": " + probe + " path " + get.get("path") + " is no health group of "
                                + module.service().module() + " " + module.healthPaths());
                    }
                }
                Map<String, String> env = new LinkedHashMap<>();
                for (Map<String, Object> from : list(container, "envFrom")) {
                    String ref = str(map(from, "configMapRef"), "name");
                    if (ref == null || !configMaps.containsKey(ref)) {
                        problems.add(where + ": envFrom " + from + " is no ConfigMap of these manifests");
                    } else {
                        env.putAll(configMaps.get(ref));
                    }
                }
                for (Map<String, Object> variable : list(container, "env")) {
                    env.put(str(variable, "name"), variable.get("value") != null ? String.valueOf(variable.get("value")) : "");
                }
                checkEnvironment(where, module, env, problems);
                List<String> mounts = list(container, "volumeMounts").stream().map(v -> str(v, "mountPath")).toList();
                checkDataOnVolumes(where, module, env, mounts, problems);
                checkDatabase(where, module, env, databases, clusters.stream().map(c -> c + "-rw").collect(Collectors.joining("|")), problems);
                envByDeployment.put(name(deployment), env);
            }
            Map<String, Object> labels = map(map(pod, "metadata"), "labels");
            List<Map<String, Object>> fronts = k8sServices.stream()
                    .filter(s -> !map(map(s, "spec"), "selector").isEmpty() && labels.entrySet().containsAll(map(map(s, "spec"), "selector").entrySet()))
                    .toList();
            Module module = byDeployment.get(name(deployment));
            if (module != null && fronts.size() != 1) {
                problems.add(where + ": " + fronts.size() + " Services select its pods, not one");
            }
            for (Map<String, Object> front : fronts) {
                if (module == null) {
                    continue;
                }
                for (Map<String, Object> port : list(map(front, "spec"), "ports")) {
                    Object target = port.getOrDefault("targetPort", port.get("port"));
                    Integer resolved = target instanceof Number n ? Integer.valueOf(n.intValue())
                            : containers.stream().flatMap(c -> list(c, "ports").stream()).filter(p -> target.equals(p.get("name")))
                            .map(p -> ((Number) p.get("containerPort")).intValue()).findFirst().orElse(null);
                    if (resolved == null || resolved != module.port()) {
                        problems.add("Service " + name(front) + ": targetPort " + target + ", server.port is " + module.port());
                    }
                    int servicePort = ((Number) port.get("port")).intValue();
                    if (servicePort != module.port()) {
                        problems.add("Service " + name(front) + ": port " + servicePort + ", server.port is " + module.port()
                                + " (the services' URLs name it)");
                    }
                    byServiceName.put(name(front), module);
                    servicePorts.put(name(front), servicePort);
                }
            }
        }
        checkEachServiceOnce(byDeployment, "deploy/k8s Deployments", problems);
        // every address of a service in a ConfigMap or variable uses its Service's name and port
        Set<String> hosts = new TreeSet<>(servicePorts.keySet());
        envByDeployment.forEach((deployment, env) -> env.values().forEach(value -> {
            Matcher m = URL.matcher(value);
            while (m.find()) {
                Module target = byServiceName.get(m.group(1));
                if (target != null && Integer.parseInt(m.group(2)) != target.port()) {
                    problems.add("Deployment " + deployment + ": " + m.group() + ", but " + m.group(1) + " listens on " + target.port());
                }
                boolean loopback = m.group(1).equals("localhost") || m.group(1).equals("127.0.0.1");
                if (value.startsWith("http") && target == null && !loopback && !hosts.contains(m.group(1))) {
                    problems.add("Deployment " + deployment + ": " + m.group() + " names no Service of these manifests");
                }
            }
        }));
        assertThat(problems).isEmpty();
    }

    @Test
    void theKafkaTopicsAreTheTopicsTheServicesUse() throws IOException {
        List<Map<String, Object>> docs = k8sDocuments();
        Set<String> published = new TreeSet<>();
        for (Module module : modules.values()) {
            Optional.ofNullable(module.properties().get("jixiao.relay.topic")).ifPresent(published::add);
        }
        // scoring-service consumes Topics.BUDGET_EVENTS and INDICATOR_EVENTS (EventConsumer), and dead-letters to
        // <topic> + DEAD_LETTER_SUFFIX: what is published must be what is consumed
        Set<String> consumed = new TreeSet<>(List.of(Topics.BUDGET_EVENTS, Topics.INDICATOR_EVENTS));
        assertThat(published).as("the relays' topics (jixiao.relay.topic) against those scoring-service consumes").isEqualTo(consumed);
        Set<String> expected = new TreeSet<>(consumed);
        consumed.forEach(t -> expected.add(t + Topics.DEAD_LETTER_SUFFIX));

        List<Map<String, Object>> topics = of(docs, "KafkaTopic");
        Map<String, Integer> partitions = new LinkedHashMap<>();
        Set<String> kafkas = of(docs, "Kafka").stream().map(ManifestsTest::name).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> topic : topics) {
            Map<String, Object> spec = map(topic, "spec");
            String topicName = spec.get("topicName") != null ? str(spec, "topicName") : name(topic);
            partitions.put(topicName, ((Number) spec.get("partitions")).intValue());
            String cluster = str(map(map(topic, "metadata"), "labels"), "strimzi.io/cluster");
            if (!kafkas.contains(cluster)) {
                problems.add("KafkaTopic " + name(topic) + ": strimzi.io/cluster " + cluster + " is no Kafka of these manifests " + kafkas);
            }
        }
        assertThat(partitions.keySet()).as("the KafkaTopics' topic names").containsExactlyInAnyOrderElementsOf(expected);

        // the services reach the broker at the Strimzi cluster's bootstrap service, on its plain listener
        Map<String, Object> kafka = of(docs, "Kafka").get(0);
        Set<String> bootstraps = list(map(map(kafka, "spec"), "kafka"), "listeners").stream()
                .map(l -> name(kafka) + "-kafka-bootstrap:" + l.get("port")).collect(Collectors.toSet());
        Map<String, Map<String, String>> configMaps = new LinkedHashMap<>();
        for (Map<String, Object> doc : of(docs, "ConfigMap")) {
            Map<String, String> data = new LinkedHashMap<>();
            map(doc, "data").forEach((k, v) -> data.put(k, String.valueOf(v)));
            configMaps.put(name(doc), data);
        }
        configMaps.forEach((name, data) -> {
            String bootstrap = data.get("KAFKA_BOOTSTRAP_SERVERS");
            if (bootstrap != null && !bootstraps.contains(bootstrap)) {
                problems.add("ConfigMap " + name + ": KAFKA_BOOTSTRAP_SERVERS " + bootstrap + ", the cluster's are " + bootstraps);
            }
        });

        // scoring-service declares all four topics with SCORING_TOPIC_PARTITIONS; more than they have would add
        // partitions to a live event topic (KafkaAdmin does), and move keys
        Map<String, String> scoring = configMaps.getOrDefault(Service.SCORING.module(), Map.of());
        String declared = Optional.ofNullable(scoring.get("SCORING_TOPIC_PARTITIONS"))
                .orElse(modules.get(Service.SCORING).placeholders().get("SCORING_TOPIC_PARTITIONS"));
        partitions.forEach((topic, count) -> {
            if (count != Integer.parseInt(declared)) {
                problems.add("KafkaTopic " + topic + ": " + count + " partitions, scoring-service declares " + declared);
            }
        });
        // enough partitions for every consumer the autoscaler may start
        String consumers = Optional.ofNullable(scoring.get("SCORING_CONSUMERS"))
                .orElse(modules.get(Service.SCORING).placeholders().get("SCORING_CONSUMERS"));
        for (Map<String, Object> hpa : of(docs, "HorizontalPodAutoscaler")) {
            int max = ((Number) map(hpa, "spec").get("maxReplicas")).intValue();
            for (String topic : consumed) {
                int need = max * Integer.parseInt(consumers);
                if (partitions.getOrDefault(topic, 0) < need) {
                    problems.add("KafkaTopic " + topic + ": " + partitions.get(topic) + " partitions for up to " + need
                            + " consumers (" + max + " instances × SCORING_CONSUMERS " + consumers + ")");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theAutoscalerScalesScoringServiceOnAMetricItExports() throws IOException {
        List<Map<String, Object>> docs = k8sDocuments();
        List<Map<String, Object>> hpas = of(docs, "HorizontalPodAutoscaler");
        assertThat(hpas).as("HorizontalPodAutoscalers").hasSize(1);
        Map<String, Object> spec = map(hpas.get(0), "spec");
        String target = str(map(spec, "scaleTargetRef"), "name");
        Map<String, Object> deployment = of(docs, "Deployment").stream().filter(d -> name(d).equals(target)).findFirst()
                .orElseThrow(() -> new AssertionError("the autoscaler's target " + target + " is no Deployment of these manifests"));
        String image = str(list(map(map(map(deployment, "spec"), "template"), "spec"), "containers").get(0), "image");
        assertThat(moduleOfImage(image).map(Module::service)).as("the service the autoscaler scales").contains(Service.SCORING);

        Set<String> exported = gaugesOf(root.resolve("scoring-service/src/main/java"));
        Set<String> alerted = new TreeSet<>();
        Map<String, Object> rules = new Yaml().load(Files.readString(root.resolve("deploy/prometheus/alerts.yml")));
        for (Object group : (List<?>) rules.get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                alerted.addAll(PromQl.metricNames(String.valueOf(((Map<?, ?>) rule).get("expr"))));
            }
        }
        List<Map<String, Object>> metrics = list(spec, "metrics");
        assertThat(metrics).as("the autoscaler's metrics").isNotEmpty();
        Set<String> topics = Set.of(Topics.BUDGET_EVENTS, Topics.INDICATOR_EVENTS);
        for (Map<String, Object> metric : metrics) {
            String type = str(metric, "type");
            assertThat(type).as("metric type").isIn("External", "Pods");
            Map<String, Object> source = map(metric, type.equals("External") ? "external" : "pods");
            String name = str(map(source, "metric"), "name");
            assertThat(exported).as("gauges scoring-service registers, as Prometheus names them").contains(name);
            assertThat(alerted).as("metrics of deploy/prometheus/alerts.yml").contains(name);
            String topic = str(map(map(map(source, "metric"), "selector"), "matchLabels"), "topic");
            if (topic != null) {
                assertThat(topics).as("the topic label of " + name).contains(topic);
            }
        }
    }

    // --- checks shared by compose and kubernetes -------------------------------------------------------------

    private static void checkEachServiceOnce(Map<String, Module> found, String where, List<String> problems) {
        for (Service service : Service.values()) {
            long count = found.values().stream().filter(m -> m.service() == service).count();
            if (count != 1) {
                problems.add(where + ": " + service.module() + " runs " + count + " times, not once");
            }
        }
    }

    private static void checkEnvironment(String where, Module module, Map<String, String> env, List<String> problems) {
        for (String name : env.keySet()) {
            if (!module.allowedEnv().contains(name)) {
                problems.add(where + ": " + name + " is read neither by " + module.service().module()
                        + "'s application.yml nor given by the launcher");
            }
        }
        for (String name : module.requiredEnv()) {
            if (!env.containsKey(name)) {
                problems.add(where + ": " + name + " is not set, and " + module.service().module() + " has no usable default");
            }
        }
        String port = env.get("SERVER_PORT");
        if (port != null && !port.equals(Integer.toString(module.port()))) {
            problems.add(where + ": SERVER_PORT " + port + " against the ports declared for " + module.port());
        }
    }

    private static void checkDataOnVolumes(String where, Module module, Map<String, String> env, List<String> mounts,
                                           List<String> problems) {
        for (String name : module.dataEnv()) {
            String value = env.get(name);
            if (value != null && mounts.stream().noneMatch(mount -> Path.of(value).startsWith(mount))) {
                problems.add(where + ": " + name + " " + value + " lies on no volume " + mounts);
            }
        }
    }

    private static void checkDatabase(String where, Module module, Map<String, String> env, Set<String> databases,
                                      String hosts, List<String> problems) {
        module.service().database().ifPresent(db -> env.forEach((name, value) -> {
            if (!name.endsWith("_DB_URL")) {
                return;
            }
            Matcher m = URL.matcher(resolveCompose(value));
            if (!m.find()) {
                problems.add(where + ": " + name + " " + value + " is no JDBC URL");
                return;
            }
            String named = lastSegment(m.group(3) == null ? "" : m.group(3));
            if (!named.equals(module.database().orElse(""))) {
                problems.add(where + ": " + name + " names database " + named + ", application.yml's is " + module.database().orElse(""));
            }
            if (!databases.contains(named)) {
                problems.add(where + ": " + name + " names database " + named + ", which is not created " + databases);
            }
            if (!m.group(1).matches(hosts)) {
                problems.add(where + ": " + name + " points at " + m.group(1) + ", not " + hosts);
            }
        }));
    }

    /** The addresses in one text: a jixiao service's port and, for a health check, one of its health paths. */
    private static void checkAddresses(String where, String text, Map<String, Module> byName, Set<String> known,
                                       boolean healthCheck, Set<String> healthChecked, List<String> problems) {
        Matcher m = URL.matcher(text);
        while (m.find()) {
            String host = m.group(1);
            Module target = byName.get(host);
            if (!known.contains(host) && !host.equals("localhost") && !host.equals("127.0.0.1")) {
                problems.add(where + ": " + m.group() + " names no service of compose.yaml");
                continue;
            }
            if (target == null) {
                continue;
            }
            if (Integer.parseInt(m.group(2)) != target.port()) {
                problems.add(where + ": " + m.group() + ", but " + host + " listens on " + target.port());
            }
            if (healthCheck) {
                String path = m.group(3) == null ? "" : m.group(3);
                if (!target.healthPaths().contains(path)) {
                    problems.add(where + ": " + path + " is no health group of " + host + " " + target.healthPaths());
                } else if (Integer.parseInt(m.group(2)) == target.port()) {
                    healthChecked.add(host);
                }
            }
        }
    }

    // --- reading the files -----------------------------------------------------------------------------------

    private static List<Map<String, Object>> k8sDocuments() throws IOException {
        Path dir = root.resolve("deploy/k8s");
        Map<String, Object> kustomization = new Yaml().load(Files.readString(dir.resolve("kustomization.yaml")));
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object resource : (List<?>) kustomization.get("resources")) {
            for (Object doc : new Yaml().loadAll(Files.readString(dir.resolve(String.valueOf(resource))))) {
                if (doc != null) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = (Map<String, Object>) doc;
                    assertThat(map).as("a manifest of " + resource).containsKeys("apiVersion", "kind", "metadata");
                    docs.add(map);
                }
            }
        }
        return docs;
    }

    private static List<Map<String, Object>> of(List<Map<String, Object>> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    private static String name(Map<String, Object> doc) {
        return str(map(doc, "metadata"), "name");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    private static String str(Map<String, Object> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        return value == null ? null : String.valueOf(value);
    }

    private static Integer resolvePort(Object port, Map<String, Integer> named) {
        if (port instanceof Number n) {
            return n.intValue();
        }
        return port == null ? null : named.get(String.valueOf(port));
    }

    private static Optional<Module> moduleOfImage(String image) {
        return modules.values().stream().filter(m -> m.image().equals(image)).findFirst();
    }

    /** A compose service's environment, as a map or a list of NAME=value. */
    private static Map<String, String> composeEnvironment(Object environment) {
        Map<String, String> env = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (environment instanceof List<?> l) {
            l.forEach(e -> {
                String[] kv = String.valueOf(e).split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            });
        }
        return env;
    }

    /** Compose's interpolation with nothing set: {@code ${X:-d}} and {@code ${X-d}} are d, others empty. */
    static String resolveCompose(String value) {
        Matcher m = Pattern.compile("\\$\\{\\w+(?::?-([^}]*))?(?::?\\?[^}]*)?}").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) == null ? "" : m.group(1)));
        }
        m.appendTail(out);
        return out.toString().replace("$$", "$");
    }

    private static Set<String> createdDatabases(Path sql) throws IOException {
        Matcher m = Pattern.compile("(?i)create\\s+database\\s+\"?(\\w+)").matcher(Files.readString(sql));
        Set<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The Prometheus names of the gauges registered in these sources (dots to underscores; time gauges in seconds). */
    private static Set<String> gaugesOf(Path sources) throws IOException {
        Pattern builder = Pattern.compile("\\b(Gauge|TimeGauge|MultiGauge)\\.builder\\(\\s*\"([^\"]+)\"");
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = builder.matcher(Files.readString(file));
                while (m.find()) {
                    String name = m.group(2).replace('.', '_');
                    names.add(m.group(1).equals("TimeGauge") ? name + "_seconds" : name);
                }
            }
        }
        return names;
    }

    /** The spring-boot-maven-plugin's {@code <image><name>}, with the pom's artifactId and version put in. */
    private static String imageName(Path pom) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        Element project = doc.getDocumentElement();
        String artifactId = child(project, "artifactId");
        String version = Optional.ofNullable(child(project, "version"))
                .orElseGet(() -> child((Element) project.getElementsByTagName("parent").item(0), "version"));
        NodeList plugins = project.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if ("spring-boot-maven-plugin".equals(child(plugin, "artifactId"))) {
                NodeList images = plugin.getElementsByTagName("image");
                if (images.getLength() > 0) {
                    String name = child((Element) images.item(0), "name");
                    if (name != null) {
                        return name.replace("${project.artifactId}", artifactId).replace("${project.version}", version);
                    }
                }
            }
        }
        throw new AssertionError(pom + " names no image in spring-boot-maven-plugin's <image><name>");
    }

    private static String child(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }

    private static int springBootMajor() throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(root.resolve("pom.xml").toFile());
        Element parent = (Element) doc.getDocumentElement().getElementsByTagName("parent").item(0);
        assertThat(child(parent, "artifactId")).as("the root pom's parent").isEqualTo("spring-boot-starter-parent");
        return Integer.parseInt(child(parent, "version").split("\\.")[0]);
    }

    /** {@code ${X:default}} → default; a plain value as it is. */
    private static String defaultOf(String value, String what) {
        assertThat(value).as(what).isNotNull();
        Matcher m = PLACEHOLDER.matcher(value);
        return m.matches() ? m.group(2) : value;
    }

    private static String lastSegment(String url) {
        String path = url.replaceAll("\\?.*", "");
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> flatten(Object yaml) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", yaml, out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object node, Map<String, String> out) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out));
        } else if (node instanceof List<?> l) {
            if (l.stream().allMatch(e -> !(e instanceof Map) && !(e instanceof List))) {
                out.put(prefix, l.stream().map(String::valueOf).collect(Collectors.joining(",")));
            }
            for (int i = 0; i < l.size(); i++) {
                flatten(prefix + "[" + i + "]", l.get(i), out);
            }
        } else {
            out.put(prefix, node == null ? "" : String.valueOf(node));
        }
    }
}
