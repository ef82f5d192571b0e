package com.atrium.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A benchmark aid (never used by tests or the app): counts the SQL statements the application executes and the time
 * spent in them, by statement text, through a proxy around the application's {@link DataSource}. Install with
 * {@link #install(ConfigurableApplicationContext)} as an initializer; {@link #report(int)} prints the top statements.
 */
public final class SqlCounter {
    public static final SqlCounter INSTANCE = new SqlCounter();

    private final Map<String, LongAdder[]> stats = new ConcurrentHashMap<>();
    private final LongAdder commits = new LongAdder();
    private final LongAdder roundTrips = new LongAdder();

    private SqlCounter() {
    }

    public static void install(ConfigurableApplicationContext ctx) {
        ctx.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DataSource ds && !(Proxy.isProxyClass(bean.getClass()))) {
                    return Proxy.newProxyInstance(SqlCounter.class.getClassLoader(), new Class<?>[] {DataSource.class},
                            (p, m, a) -> {
                                Object r = invoke(ds, m, a);
                                return r instanceof Connection c ? INSTANCE.connection(c) : r;
                            });
                }
                return bean;
            }
        });
    }

    public void reset() {
        stats.clear();
        commits.reset();
        roundTrips.reset();
    }

    public long statements() {
        return stats.values().stream().mapToLong(a -> a[0].sum()).sum();
    }

    public long roundTrips() {
        return roundTrips.sum();
    }

    public long commits() {
        return commits.sum();
    }

    public String report(int top) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%d statements (%d executes/batches), %d commits%n", statements(), roundTrips(), commits()));
        stats.entrySet().stream().sorted(Comparator.comparingLong((Map.Entry<String, LongAdder[]> e) -> -e.getValue()[1].sum())).limit(top)
                .forEach(e -> sb.append(String.format("%8d x %8.1f ms  %s%n", e.getValue()[0].sum(), e.getValue()[1].sum() / 1e6,
                        e.getKey().replaceAll("\\s+", " ").substring(0, Math.min(170, e.getKey().replaceAll("\\s+", " ").length())))));
        return sb.toString();
    }

    private void count(String sql, long nanos, long n) {
        LongAdder[] a = stats.computeIfAbsent(sql, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
        a[0].add(n);
        a[1].add(nanos);
        roundTrips.increment();
    }

    private Connection connection(Connection c) {
        return (Connection) Proxy.newProxyInstance(SqlCounter.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, m, a) -> {
            if (m.getName().equals("commit")) {
                commits.increment();
            }
            Object r = invoke(c, m, a);
            if (r instanceof PreparedStatement ps && m.getName().startsWith("prepare")) {
                return statement(ps, (String) a[0], PreparedStatement.class);
            }
            if (r instanceof Statement s && m.getName().equals("createStatement")) {
                return statement(s, null, Statement.class);
            }
            return r;
        });
    }

    private <T extends Statement> Object statement(T s, String sql, Class<T> type) {
        int[] batched = {0};
        InvocationHandler h = (p, m, a) -> {
            String name = m.getName();
            if (name.equals("addBatch")) {
                batched[0]++;
            }
            if (name.startsWith("execute")) {
                long t = System.nanoTime();
                try {
                    return invoke(s, m, a);
                } finally {
                    String text = sql != null ? sql : a != null && a.length > 0 && a[0] instanceof String q ? q : "?";
                    long n = name.equals("executeBatch") ? Math.max(1, batched[0]) : 1;
                    if (name.equals("executeBatch")) {
                        batched[0] = 0;
                        text = "[batch] " + text;
                    }
                    count(text, System.nanoTime() - t, n);
                }
            }
            return invoke(s, m, a);
        };
        return Proxy.newProxyInstance(SqlCounter.class.getClassLoader(), new Class<?>[] {type}, h);
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] a) throws Throwable {
        try {
            return m.invoke(target, a);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
