plugins {
    java
    id("org.springframework.boot") version "2.7.5"
    id("io.spring.dependency-management") version "1.0.15.RELEASE"
    alias(libs.plugins.spotless)
}

group = "com.example"
version = "0.3.0-SNAPSHOT"
java.sourceCompatibility = JavaVersion.VERSION_11

dependencyLocking {
    lockAllConfigurations()
}

configurations {
    compileOnly {
        extendsFrom(configurations.annotationProcessor.get())
    }
}

dependencies {
    implementation("org.springframework.boot:spring-boot-starter-web")
    implementation("org.springframework.boot:spring-boot-starter-actuator")
    implementation(libs.jackson.databind)
    implementation(libs.bundles.logging)
    implementation(group = "com.google.guava", name = "guava", version = "31.1-jre")
    compileOnly("org.projectlombok:lombok")
    developmentOnly("org.springframework.boot:spring-boot-devtools")
    runtimeOnly("org.postgresql:postgresql")
    annotationProcessor("org.projectlombok:lombok")
    testImplementation("org.springframework.boot:spring-boot-starter-test")
}

tasks.withType<Test> {
    useJUnitPlatform()
}
