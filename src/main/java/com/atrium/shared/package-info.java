/** Small shared vocabulary: the actor, ids, paging and the exceptions that map to problem details. No feature logic. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package com.atrium.shared;
