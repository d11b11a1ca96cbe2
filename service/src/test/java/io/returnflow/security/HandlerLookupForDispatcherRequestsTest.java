package io.returnflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;

import io.returnflow.security.HandlerLookupForDispatcherRequests.DispatcherRequestsOnly;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletRegistrationBean;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletMapping;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/** Spring MVC's handler lookup, which Spring Security runs before every request, is left to the DispatcherServlet's requests. */
@ServiceTest
class HandlerLookupForDispatcherRequestsTest {

    @Autowired
    HandlerMappingIntrospector mvcHandlerMappingIntrospector;

    /** An introspector that notes the requests it looks up instead of looking them up. */
    static class Noting extends DispatcherRequestsOnly {

        final List<String> lookedUp = new ArrayList<>();

        Noting() {
            super(new StaticListableBeanFactory(Map.of("dispatcherServletRegistration", dispatcher()))
                    .getBeanProvider(DispatcherServletRegistrationBean.class));
        }

        private static DispatcherServletRegistrationBean dispatcher() {
            DispatcherServletRegistrationBean registration = new DispatcherServletRegistrationBean(new DispatcherServlet(), "/");
            registration.setName("dispatcherServlet");
            return registration;
        }

        @Override
        public CachedResult setCache(HttpServletRequest request) {
            lookedUp.add(request.getRequestURI());
            return null;
        }

        @Override
        public void resetCache(ServletRequest request, CachedResult previous) {
        }
    }

    private static MockHttpServletRequest request(String path, String servlet) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setHttpServletMapping(new MockHttpServletMapping(path, "", servlet, MappingMatch.PATH));
        return request;
    }

    @Test
    void theServiceRunsTheIntrospectorThatLooksUpOnlyTheDispatcherServletsRequests() {
        assertThat(mvcHandlerMappingIntrospector).isInstanceOf(DispatcherRequestsOnly.class);
    }

    @Test
    @SuppressWarnings("deprecation")
    void aWebhookForCamelsServletPassesOnWithoutALookup() throws Exception {
        Noting introspector = new Noting();
        MockFilterChain chain = new MockFilterChain();

        introspector.createCacheFilter().doFilter(request("/webhooks/tiktok", "CamelServlet"), new MockHttpServletResponse(), chain);

        assertThat(introspector.lookedUp).isEmpty();
        assertThat(chain.getRequest()).as("the request went on").isNotNull();
    }

    @Test
    @SuppressWarnings("deprecation")
    void aRequestForTheDispatcherServletIsLookedUpAsBefore() throws Exception {
        Noting introspector = new Noting();
        MockFilterChain chain = new MockFilterChain();

        introspector.createCacheFilter().doFilter(request("/api/returns", "dispatcherServlet"), new MockHttpServletResponse(), chain);

        assertThat(introspector.lookedUp).containsExactly("/api/returns");
        assertThat(chain.getRequest()).isNotNull();
    }
}
