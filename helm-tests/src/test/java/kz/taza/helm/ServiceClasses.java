package kz.taza.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.kafka.StreamsTopology;
import kz.taza.platform.kafka.TazaProperties;
import kz.taza.platform.topic.TopicCatalogue;

/**
 * A service's own compiled classes ({@code <service>/target/classes}, compiled earlier in the reactor), loaded on top
 * of this module's class path (platform, schemas and the services' dependencies). A service's jar cannot be used:
 * it is a repackaged Spring Boot jar.
 */
final class ServiceClasses {

    private static final Map<String, ServiceClasses> LOADED = new ConcurrentHashMap<>();

    private final String service;
    private final Path classesDir;
    private final ClassLoader loader;
    private final List<Class<?>> classes;

    private ServiceClasses(String service) {
        this.service = service;
        this.classesDir = Charts.repositoryRoot().resolve(service).resolve("target").resolve("classes");
        if (!Files.isDirectory(classesDir)) {
            throw new IllegalStateException(classesDir + " does not exist: compile " + service
                    + " first (mvn -pl helm-tests -am ... does)");
        }
        try {
            this.loader = new URLClassLoader(new URL[] {classesDir.toUri().toURL()},
                    ServiceClasses.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        this.classes = loadAll();
    }

    static ServiceClasses of(String service) {
        return LOADED.computeIfAbsent(service, ServiceClasses::new);
    }

    /**
     * The topic catalogues the service declares as beans: every no-argument {@code @Bean} method of its
     * {@code @Configuration} classes that returns a {@link TopicCatalogue}, called as Spring would call it.
     */
    List<TopicCatalogue> catalogueBeans() {
        List<TopicCatalogue> catalogues = new ArrayList<>();
        for (Class<?> type : classes) {
            if (!type.isAnnotationPresent(Configuration.class)) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Bean.class)
                        && TopicCatalogue.class.isAssignableFrom(method.getReturnType())) {
                    if (method.getParameterCount() != 0) {
                        throw new IllegalStateException(type.getName() + "." + method.getName()
                                + " needs arguments: teach ServiceClasses to build this catalogue bean");
                    }
                    catalogues.add((TopicCatalogue) invoke(type, method));
                }
            }
        }
        return catalogues;
    }

    /**
     * The {@link StreamsTopology} beans the service runs, in the order Spring hands them to the platform's Streams
     * application: its own {@code @Configuration} classes in a Spring context with the default properties and
     * {@link TazaProperties}, every bean lazy (as {@code spring.main.lazy-initialization}), so only the topologies and what they need are created (no Kafka client,
     * no web server).
     */
    List<StreamsTopology> streamsTopologies() {
        List<Class<?>> configurations = classes.stream().filter(c -> c.isAnnotationPresent(Configuration.class))
                .toList();
        List<StreamsTopology> topologies = new ArrayList<>();
        new ApplicationContextRunner()
                .withClassLoader(loader)
                .withInitializer(context -> {
                    // What SpringApplication sets up: lazy beans on request, and Boot's conversions for @Value.
                    context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor());
                    context.getBeanFactory().setConversionService(ApplicationConversionService.getSharedInstance());
                })
                .withUserConfiguration(PlatformProperties.class)
                .withUserConfiguration(configurations.toArray(Class<?>[]::new))
                .run(context -> {
                    if (context.getStartupFailure() != null) {
                        throw new IllegalStateException("cannot build the topologies of " + service,
                                context.getStartupFailure());
                    }
                    context.getBeanProvider(StreamsTopology.class).orderedStream().forEach(topologies::add);
                });
        return topologies;
    }

    /**
     * What the service's configuration classes take from the platform: its settings ({@link TazaProperties}), and the
     * clock and event metadata factory the command and KPI topologies are built with (as the platform's
     * auto-configuration gives them; the topologies are only built here, never run).
     */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TazaProperties.class)
    static class PlatformProperties {

        @Bean
        Clock clock(TazaProperties taza) {
            return Clock.system(taza.getZone());
        }

        @Bean
        EventMetadataFactory eventMetadata() {
            return new EventMetadataFactory("helm-tests");
        }
    }

    /** The service's own {@code @ConfigurationProperties} classes. */
    List<Class<?>> configurationProperties() {
        return classes.stream().filter(c -> c.isAnnotationPresent(ConfigurationProperties.class)).toList();
    }

    private Object invoke(Class<?> type, Method method) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            method.setAccessible(true);
            return method.invoke(constructor.newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call " + type.getName() + "." + method.getName(), e);
        }
    }

    private List<Class<?>> loadAll() {
        try (Stream<Path> files = Files.walk(classesDir)) {
            List<Class<?>> all = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classesDir.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.equals("module-info") || name.endsWith("package-info")) {
                    continue;
                }
                // Loaded, not initialised: no static initialiser of the service runs.
                all.add(Class.forName(name, false, loader));
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("cannot load the classes of " + service, e);
        }
    }
}
