package com.atrium.practice;

import com.atrium.shared.Actor;

/** Who a valid Bearer token belongs to: the principal for Spring Security and the request's actor, from one query. */
public record ApiTokenLogin(AtriumPrincipal principal, Actor actor) {
}
