package io.jixiao.gateway.upstream;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import reactor.core.publisher.Flux;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The instances behind each route ({@code lb://budget-service} and the others), from
 * {@code jixiao.gateway.upstreams}: per service one URL or several separated by commas, which is how
 * {@code BUDGET_SERVICE_URL}, {@code INDICATOR_SERVICE_URL} and {@code SCORING_SERVICE_URL} are read. Spring Cloud
 * LoadBalancer picks among them round-robin; the routes' retry sends a request whose connection was refused (an
 * instance that is down: nothing reached it) to the next one.
 */
public class ConfiguredUpstreams implements ReactiveDiscoveryClient {

    private final Map<String, List<ServiceInstance>> instances = new LinkedHashMap<>();

    public ConfiguredUpstreams(Map<String, String> upstreams) {
        upstreams.forEach((service, urls) -> instances.put(service, parse(service, urls)));
    }

    static List<ServiceInstance> parse(String service, String urls) {
        List<String> each = Arrays.stream(urls.split(",")).map(String::trim).filter(url -> !url.isEmpty()).toList();
        if (each.isEmpty()) {
            throw new IllegalArgumentException("jixiao.gateway.upstreams." + service + " names no URL");
        }
        return each.stream().map(url -> {
            URI uri = httpUrl(service, url);
            return (ServiceInstance) new DefaultServiceInstance(service + "@" + uri.getAuthority(), service,
                    uri.getHost(), uri.getPort() < 0 ? ("https".equals(uri.getScheme()) ? 443 : 80) : uri.getPort(),
                    "https".equals(uri.getScheme()));
        }).toList();
    }

    private static URI httpUrl(String service, String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // told below
        }
        throw new IllegalArgumentException("jixiao.gateway.upstreams." + service + ": not an http(s) URL: " + url);
    }

    @Override
    public String description() {
        return "instances from jixiao.gateway.upstreams";
    }

    @Override
    public Flux<ServiceInstance> getInstances(String serviceId) {
        return Flux.fromIterable(instances.getOrDefault(serviceId, List.of()));
    }

    @Override
    public Flux<String> getServices() {
        return Flux.fromIterable(instances.keySet());
    }
}
