package com.atrium.web;

import com.atrium.shared.Actor;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;

/**
 * OpenAPI document tweaks: the {@link Actor} parameter of controller methods is the logged-in user (resolved by
 * {@link CurrentActorResolver} from the authentication), not a request parameter, so no operation lists it.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {
    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
    }
}
