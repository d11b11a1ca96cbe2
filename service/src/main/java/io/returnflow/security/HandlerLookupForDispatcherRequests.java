package io.returnflow.security;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/**
 * Spring Security puts Spring MVC's handler lookup cache ({@link HandlerMappingIntrospector#createCacheFilter})
 * in front of every request: before any security filter runs, each request is looked up in every
 * handler mapping, so that MVC-aware matchers and CORS can ask again for free. Webhooks are served
 * by Camel's servlet, where no Spring MVC handler exists: the lookup tried every mapping, then built a
 * no-match report, on every webhook (12 % of the intake's CPU, docs/benchmarks.md), and nothing read it
 * (the webhook chain matches paths, and has no CORS). This keeps the cache for the requests the
 * DispatcherServlet serves and lets the others pass straight on.
 *
 * <p>By hand because Spring offers no switch: the filter comes from the introspector bean, so that
 * bean becomes a {@link DispatcherRequestsOnly}, set up as Spring set up the original.
 */
@Component
class HandlerLookupForDispatcherRequests implements BeanPostProcessor, ApplicationContextAware {

    private static final String INTROSPECTOR = "mvcHandlerMappingIntrospector";

    private ApplicationContext context;

    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) throws BeansException {
        if (!INTROSPECTOR.equals(name) || bean.getClass() != HandlerMappingIntrospector.class) {
            return bean;
        }
        DispatcherRequestsOnly introspector = new DispatcherRequestsOnly(
                context.getBeanProvider(DispatcherServletRegistrationBean.class));
        introspector.setPatternCacheLimit(((HandlerMappingIntrospector) bean).getPatternCacheLimit());
        introspector.setApplicationContext(context);
        introspector.afterPropertiesSet();
        return introspector;
    }

    /** The introspector whose cache filter looks up only requests for the DispatcherServlet. */
    static class DispatcherRequestsOnly extends HandlerMappingIntrospector {

        private final ObjectProvider<DispatcherServletRegistrationBean> dispatcher;
        private volatile String dispatcherName;

        DispatcherRequestsOnly(ObjectProvider<DispatcherServletRegistrationBean> dispatcher) {
            this.dispatcher = dispatcher;
        }

        @Override
        @SuppressWarnings("deprecation")
        public Filter createCacheFilter() {
            Filter cache = super.createCacheFilter();
            return (request, response, chain) -> {
                if (request instanceof HttpServletRequest http && !forDispatcher(http)) {
                    chain.doFilter(request, response);
                } else {
                    cache.doFilter(request, response, chain);
                }
            };
        }

        /** Unknown counts as the DispatcherServlet's: then the lookup happens, as before. */
        boolean forDispatcher(HttpServletRequest request) {
            HttpServletMapping mapping = request.getHttpServletMapping();
            String dispatcher = dispatcherName();
            return mapping == null || mapping.getServletName() == null || dispatcher == null
                    || dispatcher.equals(mapping.getServletName());
        }

        /** Looked up once, on the first request (the registration exists only once the context runs). */
        private String dispatcherName() {
            if (dispatcherName == null) {
                DispatcherServletRegistrationBean registration = dispatcher.getIfAvailable();
                dispatcherName = registration == null ? null : registration.getServletName();
            }
            return dispatcherName;
        }
    }
}
