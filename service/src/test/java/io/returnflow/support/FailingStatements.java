package io.returnflow.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The service's real DataSource, except that the next N statements run by one kind of thread fail
 * as a pooled connection does after a PostgreSQL restart ("An I/O error occurred while sending to
 * the backend", SQLState 08006), before reaching the database. The thread is named so that the
 * service's pollers (outbox relay, token refresh) do not use up the failures meant for a flow.
 * Part of every {@link ServiceTest} context (a pass-through until a test {@link #failNext(int, String) arms} it).
 */
public class FailingStatements {

    private static final String FAILED = "An I/O error occurred while sending to the backend.";

    private final AtomicInteger remaining = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile String threadNamePart = "";

    /** The next {@code statements} statements executed on a thread whose name contains {@code threadNamePart} fail. */
    public void failNext(int statements, String threadNamePart) {
        this.threadNamePart = threadNamePart;
        remaining.set(statements);
    }

    /** Statements failed so far. */
    public int failed() {
        return failed.get();
    }

    private boolean failThisOne() {
        if (!Thread.currentThread().getName().contains(threadNamePart)) {
            return false;
        }
        if (remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            failed.incrementAndGet();
            return true;
        }
        return false;
    }

    DataSource wrap(DataSource dataSource) {
        return new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                return connection(super.getConnection());
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                return connection(super.getConnection(username, password));
            }
        };
    }

    private Connection connection(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(connection, method, args);
                    return result instanceof Statement statement ? statement(statement, method.getReturnType()) : result;
                });
    }

    /** The statement as the type the connection answered (Statement, PreparedStatement, CallableStatement). */
    private Object statement(Statement statement, Class<?> type) {
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().startsWith("execute") && failThisOne()) {
                throw new SQLNonTransientConnectionException(FAILED, "08006");
            }
            return invoke(statement, method, args);
        });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        FailingStatements failingStatements() {
            return new FailingStatements();
        }

        @Bean
        static BeanPostProcessor failingStatementsDataSource(ObjectProvider<FailingStatements> failing) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof DataSource dataSource && !(bean instanceof DelegatingDataSource)
                            ? failing.getObject().wrap(dataSource) : bean;
                }
            };
        }
    }
}
